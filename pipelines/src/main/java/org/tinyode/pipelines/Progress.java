package org.tinyode.pipelines;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;
import org.tinyode.transforms.ReadExamples;
import org.tinyode.transforms.RunBackend;

/** Waits for a pipeline, printing examples done per backend every few seconds (from Beam counters). */
final class Progress {
  private Progress() {}

  static PipelineResult.State await(PipelineResult result, int everySeconds, long expectedPerBackend,
      PrintStream out) {
    long start = System.nanoTime();
    if (everySeconds <= 0) {
      return result.waitUntilFinish();
    }
    while (true) {
      PipelineResult.State s = result.waitUntilFinish(Duration.standardSeconds(everySeconds));
      if (s != null && s.isTerminal()) {
        return s;
      }
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "progress %.0fs:",
          (System.nanoTime() - start) / 1e9));
      try {
        MetricQueryResults m = result.metrics().queryMetrics(MetricsFilter.builder().build());
        for (MetricResult<Long> c : m.getCounters()) {
          String ns = c.getName().getNamespace();
          if (ns.equals(RunBackend.class.getName()) || ns.equals(ReadExamples.class.getName())) {
            line.append(' ').append(c.getName().getName()).append('=').append(c.getAttempted());
          }
        }
      } catch (RuntimeException e) {
        line.append(" (metrics unavailable)");
      }
      out.println(line.append(" of ").append(expectedPerBackend).append(" per backend"));
    }
  }
}
