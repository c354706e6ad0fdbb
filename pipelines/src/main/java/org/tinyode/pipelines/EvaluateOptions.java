package org.tinyode.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code tinyode evaluate}: one backend over the selected examples. */
public interface EvaluateOptions extends TinyOdeOptions {
  @Description("Backend: software (DJL float model), golden (bit-exact fixed-point model) or fpga (board pool)")
  @Default.String("golden")
  String getBackend();

  void setBackend(String value);
}
