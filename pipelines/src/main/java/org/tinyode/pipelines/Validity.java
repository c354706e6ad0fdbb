package org.tinyode.pipelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyode.transforms.Provenances;
import org.tinyode.transforms.io.SummarySchema.SummaryRow;
import org.tinyode.transforms.stats.EnergyRow;
import org.tinyode.transforms.stats.LatencyRow;

/**
 * Whether a run's numbers may be presented as a complete result: {@code VALID}, or {@code INVALID} with every
 * reason (missing examples, failures above the threshold, golden↔fpga mismatches, energy windows too short,
 * unknown provenance). {@code warnings} do not invalidate (e.g. random weights).
 */
record Validity(String status, List<String> reasons, List<String> warnings) {
  static final long MIN_RAPL_WINDOW_NS = 10_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  boolean valid() {
    return status.equals("VALID");
  }

  /** Collects reasons while checking a run. */
  static final class Checker {
    private final List<String> reasons = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Checker summaries(List<SummaryRow> rows, double maxFailureRate) {
      for (SummaryRow s : rows) {
        long accounted = s.examplesAnswered() + s.failures();
        if (accounted != s.examplesSelected()) {
          reasons.add(s.backend() + ": " + s.examplesSelected() + " examples selected but " + s.examplesAnswered()
              + " answered + " + s.failures() + " failed = " + accounted + " (missing examples)");
        }
        double rate = s.examplesSelected() == 0 ? 0 : (double) s.failures() / s.examplesSelected();
        if (s.failures() > 0 && rate > maxFailureRate) {
          reasons.add(String.format(java.util.Locale.ROOT,
              "%s: %d of %d examples failed (%.2f %%, threshold %.2f %%; see dead_letters)", s.backend(),
              s.failures(), s.examplesSelected(), 100 * rate, 100 * maxFailureRate));
        }
        if (s.examplesSelected() == 0) {
          reasons.add("no examples selected");
        }
      }
      return this;
    }

    Checker provenance(List<LatencyRow> latency, List<EnergyRow> energy) {
      for (LatencyRow l : latency) {
        for (String p : l.provenance().split(";")) {
          if (!Provenances.isKnown(p)) {
            reasons.add("latency " + l.backend() + "/" + l.stage() + ": unknown provenance '" + p + "'");
          }
        }
      }
      for (EnergyRow e : energy) {
        for (String p : e.provenance().split(";")) {
          if (!Provenances.isKnown(p)) {
            reasons.add("energy " + e.backend() + "/" + e.stage() + ": unknown provenance '" + p + "'");
          }
        }
        if (e.provenance().contains("measured:rapl") && !e.stage().equals("total")) {
          latency.stream().filter(l -> l.backend().equals(e.backend()) && l.stage().equals(e.stage()))
              .filter(l -> l.p50Ns() < MIN_RAPL_WINDOW_NS).findFirst().ifPresent(l -> reasons.add("energy "
                  + e.backend() + "/" + e.stage() + ": RAPL windows too short (median " + l.p50Ns() / 1000
                  + " us < " + MIN_RAPL_WINDOW_NS / 1_000_000 + " ms)"));
        }
      }
      return this;
    }

    Checker reason(String r) {
      reasons.add(r);
      return this;
    }

    Checker warning(String w) {
      warnings.add(w);
      return this;
    }

    Validity result() {
      return new Validity(reasons.isEmpty() ? "VALID" : "INVALID", List.copyOf(reasons), List.copyOf(warnings));
    }
  }

  void write(Path file) {
    try {
      JSON.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
