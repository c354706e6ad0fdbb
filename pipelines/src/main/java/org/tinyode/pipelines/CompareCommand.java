package org.tinyode.pipelines;

import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code tinyode compare}: see {@link ComparePipeline}. */
@Command(name = "compare",
    description = {"Run several backends over the same shards in one Beam pipeline and join per example: everything "
        + "evaluate reports plus top-1 agreement with McNemar's test, golden-vs-fpga divergence and the paper table.",
        "Options are Beam pipeline options (--name=value); all of them are listed below."},
    footer = {"", "Exit codes: 0 VALID run, 1 bad input, 2 usage, 3 run finished but INVALID (see validity.json)."})
final class CompareCommand extends BeamCommand<CompareOptions> {
  @Override
  Class<CompareOptions> optionsClass() {
    return CompareOptions.class;
  }

  @Override
  RunReport run(CompareOptions options, PrintStream out) throws Exception {
    return ComparePipeline.run(options, out);
  }
}
