package org.tinyode.pipelines;

import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code tinyode bench pipeline}: see {@link BenchmarkPipeline}. */
@Command(name = "pipeline",
    description = {"Pipeline throughput vs the bare backend loop on the same images (DirectRunner and Flink [local]).",
        "Options are Beam pipeline options (--name=value); all of them are listed below."})
final class BenchmarkCommand extends BeamCommand<BenchmarkOptions> {
  @Override
  Class<BenchmarkOptions> optionsClass() {
    return BenchmarkOptions.class;
  }

  @Override
  RunReport run(BenchmarkOptions options, PrintStream out) throws Exception {
    BenchmarkPipeline.run(options, out);
    return null;
  }
}
