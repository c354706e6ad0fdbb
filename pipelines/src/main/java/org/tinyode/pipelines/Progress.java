package org.tinyode.pipelines;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;
import org.tinyode.transforms.LocalProgress;
import org.tinyode.transforms.ReadExamples;
import org.tinyode.transforms.RunBackend;

/**
 * Progress lines while a pipeline runs: {@link #await} polls Beam counters of a runner that returns from
 * {@code run()} at once (DirectRunner with blockOnRun=false); {@link #watchLocal} covers runners that block in
 * {@code run()} (FlinkRunner), from the examples answered by workers in this JVM ({@link LocalProgress}).
 */
final class Progress {
  private Progress() {}

  /** A running progress printer; {@link #close()} stops it. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Prints every {@code everySeconds} how many examples each backend has answered in this JVM since the call
   * (nothing when {@code everySeconds <= 0}), until closed.
   */
  static Watch watchLocal(int everySeconds, long expectedPerBackend, PrintStream out) {
    if (everySeconds <= 0) {
      return () -> {};
    }
    Map<String, Long> base = LocalProgress.snapshot();
    long start = System.nanoTime();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tinyode-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(() -> out.println(localLine(base, (System.nanoTime() - start) / 1e9,
        expectedPerBackend)), everySeconds, everySeconds, TimeUnit.SECONDS);
    return timer::shutdownNow;
  }

  /** One progress line: answered per backend since {@code base}. */
  static String localLine(Map<String, Long> base, double seconds, long expectedPerBackend) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "progress %.0fs:", seconds));
    boolean any = false;
    for (Map.Entry<String, Long> e : LocalProgress.snapshot().entrySet()) {
      long done = e.getValue() - base.getOrDefault(e.getKey(), 0L);
      if (done > 0) {
        line.append(' ').append(e.getKey()).append("_answered=").append(done);
        any = true;
      }
    }
    if (!any) {
      return line.append(" running (no worker in this JVM has answered yet; a cluster's workers report in its "
          + "web UI)").toString();
    }
    return line.append(" of ").append(expectedPerBackend).append(" per backend").toString();
  }

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
