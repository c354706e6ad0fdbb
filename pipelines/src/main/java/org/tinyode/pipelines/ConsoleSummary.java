package org.tinyode.pipelines;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.tinyode.transforms.io.SummarySchema.SummaryRow;
import org.tinyode.transforms.stats.AccuracySummary;
import org.tinyode.transforms.stats.LatencyRow;

/** The end-of-run summary on the console: accuracy, latency table, energy, validity, where the files are. */
final class ConsoleSummary {
  private ConsoleSummary() {}

  static void print(PrintStream out, List<SummaryRow> rows, Aggregates agg, Validity validity, String outputDir,
      String extra) {
    out.println();
    out.println("== accuracy");
    for (SummaryRow s : rows) {
      AccuracySummary a = s.accuracy();
      if (a == null) {
        out.printf(Locale.ROOT, "%-9s no labelled answers (%d failures)%n", s.backend(), s.failures());
        continue;
      }
      out.printf(Locale.ROOT, "%-9s top-1 %6.2f %% [95 %% CI %.2f-%.2f] macro %6.2f %%  %d/%d answered, %d failed,"
          + " %.1f img/s (%s)%n", s.backend(), 100 * a.accuracy(), 100 * a.ciLow(), 100 * a.ciHigh(),
          100 * a.macroAccuracy(), s.examplesAnswered(), s.examplesSelected(), s.failures(), s.throughput(),
          s.throughputProvenance());
    }
    out.println();
    out.println("== latency per stage (ms per example)");
    out.printf(Locale.ROOT, "%-9s %-12s %9s %9s %9s %9s %9s  %s%n", "backend", "stage", "p50", "p90", "p99", "mean",
        "max", "provenance");
    for (SummaryRow s : rows) {
      for (LatencyRow l : agg.latencyOf(s.backend())) {
        out.printf(Locale.ROOT, "%-9s %-12s %9.3f %9.3f %9.3f %9.3f %9.3f  %s%n", l.backend(), l.stage(),
            l.p50Ns() / 1e6, l.p90Ns() / 1e6, l.p99Ns() / 1e6, l.meanNs() / 1e6, l.maxNs() / 1e6, l.provenance());
      }
    }
    out.println();
    out.println("== energy per inference");
    for (SummaryRow s : rows) {
      out.printf(Locale.ROOT, "%-9s %.6f J  (%s)%n", s.backend(), s.meanEnergyJ(), s.energyProvenance());
    }
    out.print(extra);
    out.println();
    out.println("== validity: " + validity.status());
    validity.reasons().forEach(r -> out.println("  reason: " + r));
    validity.warnings().forEach(w -> out.println("  warning: " + w));
    out.println("results: " + outputDir);
  }
}
