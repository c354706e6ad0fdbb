package org.tinyode.pipelines;

import java.io.PrintStream;
import picocli.CommandLine.Command;

/** {@code tinyode evaluate}: see {@link EvaluatePipeline}. */
@Command(name = "evaluate",
    description = {"Evaluate one backend (software, golden or fpga) on a dataset as a Beam pipeline: accuracy with a "
        + "bootstrap 95 %% CI, per-stage latency and energy, Parquet/Arrow tables, run_manifest.json, validity.json.",
        "Options are Beam pipeline options (--name=value); all of them are listed below."},
    footer = {"", "Exit codes: 0 VALID run, 1 bad input, 2 usage, 3 run finished but INVALID (see validity.json)."})
final class EvaluateCommand extends BeamCommand<EvaluateOptions> {
  @Override
  Class<EvaluateOptions> optionsClass() {
    return EvaluateOptions.class;
  }

  @Override
  RunReport run(EvaluateOptions options, PrintStream out) throws Exception {
    return EvaluatePipeline.run(options, out);
  }
}
