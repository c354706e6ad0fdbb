package org.tinyode.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code tinyode compare}: several backends over the same shards, joined per example. */
public interface CompareOptions extends TinyOdeOptions {
  @Description("Backends to compare (comma-separated, at least two): software, golden, fpga")
  @Default.String("software,golden,fpga")
  String getBackends();

  void setBackends(String value);
}
