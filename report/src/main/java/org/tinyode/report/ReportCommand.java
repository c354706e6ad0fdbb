package org.tinyode.report;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tinyode report --run <run folder> [--out file]}: writes the run's self-contained report.html. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write the self-contained HTML report of a finished evaluate/compare run (charts as inline SVG,"
        + " no network needed to view it): validity, accuracy with CIs, per-class accuracy, confusion heatmaps,"
        + " per-stage latency and energy with provenance, paper table, agreement and divergence, file links.",
        "evaluate and compare write it at the end of every run as <run folder>/report.html."},
    footer = {"", "Exit codes: 0 written, 1 bad input (not a finished run folder), 2 usage."})
public final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--run", required = true, paramLabel = "<folder>",
      description = "Run folder (e.g. results/runs/20260101-120000).")
  Path run;

  @Option(names = "--out", paramLabel = "<file>", description = "Where to write (default: <run>/report.html).")
  Path out;

  @Override
  public Integer call() {
    try {
      Path written = Report.write(run, out == null ? run.resolve(Report.FILE) : out);
      spec.commandLine().getOut().println("report: " + written);
      return 0;
    } catch (ReportException | java.io.UncheckedIOException e) {
      spec.commandLine().getErr().println("report: " + e.getMessage());
      return 1;
    }
  }
}
