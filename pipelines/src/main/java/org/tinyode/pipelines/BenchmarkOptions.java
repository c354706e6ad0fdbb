package org.tinyode.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code tinyode bench pipeline}: pipeline throughput vs the bare backend loop on the same images. */
public interface BenchmarkOptions extends EvaluateOptions {
  @Description("Threads of the bare backend loop (0 = available processors, like the DirectRunner's workers)")
  @Default.Integer(0)
  int getBenchThreads();

  void setBenchThreads(int value);

  @Description("Pipelines to time (comma-separated): direct (DirectRunner), flink (FlinkRunner, [local])")
  @Default.String("direct,flink")
  String getRunners();

  void setRunners(String value);
}
