package org.tinyode.pipelines;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.transforms.BatchRef;
import org.tinyode.transforms.DecodedExample;
import org.tinyode.transforms.backend.Backend;
import org.tinyode.transforms.backend.BackendSpec;
import org.tinyode.transforms.backend.SharedBackends;

/**
 * {@code tinyode bench pipeline}: the same selected images through (1) the bare backend loop — decode + backend, batch by
 * batch on N threads, no Beam — and (2) the whole evaluate pipeline on each runner (DirectRunner, Flink
 * {@code [local]}), start-up and output writing included. Prints images/s and the ratio pipeline ÷ bare loop, all
 * {@code measured:wall-clock}. Run folders go under {@code --output} (default a temporary folder).
 */
public final class BenchmarkPipeline {
  private BenchmarkPipeline() {}

  /** One timed mode: wall seconds and this JVM's CPU seconds (robust against other load on the machine). */
  record Line(String mode, long images, double seconds, double cpuSeconds) {
    double perSecond() {
      return images / seconds;
    }

    double cpuMsPerImage() {
      return 1000 * cpuSeconds / images;
    }
  }

  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  static List<Line> run(BenchmarkOptions o, PrintStream out) throws Exception {
    Path root = o.getOutput().isEmpty() ? Files.createTempDirectory("tinyode-benchmark") : Path.of(o.getOutput());
    Files.createDirectories(root);
    RunInputs in = RunInputs.plan(o, root.resolve("plan"));
    BackendSpec spec = RunDriver.spec(o.getBackend(), o, false);
    int threads = o.getBenchThreads() > 0 ? o.getBenchThreads() : Runtime.getRuntime().availableProcessors();
    List<Line> lines = new ArrayList<>();
    lines.add(bare(in, spec, threads));
    out.printf(Locale.ROOT, "bare loop: %d images in %.1f s on %d threads%n", lines.get(0).images(),
        lines.get(0).seconds(), threads);
    for (String runner : o.getRunners().split(",")) {
      EvaluateOptions e = PipelineOptionsFactory.fromArgs().as(EvaluateOptions.class);
      copy(o, e);
      e.setOutput(root.resolve("run-" + runner.trim()).toString());
      e.setProgressSeconds(0);
      if (runner.trim().equals("flink")) {
        e.setRunner(FlinkRunner.class);
        e.as(FlinkPipelineOptions.class).setFlinkMaster("[local]");
        e.as(FlinkPipelineOptions.class).setParallelism(threads);
      } else {
        e.setRunner(DirectRunner.class);
      }
      double c0 = cpuSeconds();
      long t0 = System.nanoTime();
      RunReport r = EvaluatePipeline.run(e, new PrintStream(PrintStream.nullOutputStream()));
      double s = (System.nanoTime() - t0) / 1e9;
      lines.add(new Line("pipeline " + runner.trim(), r.summaryOf(spec.kind()).examplesAnswered(), s,
          cpuSeconds() - c0));
      out.printf(Locale.ROOT, "pipeline %s: %d images in %.1f s (run folder %s)%n", runner.trim(),
          r.summaryOf(spec.kind()).examplesAnswered(), s, r.output());
    }
    out.printf(Locale.ROOT, "%n== throughput, backend %s (measured:wall-clock; CPU = this JVM's process CPU time,"
        + " measured:OperatingSystemMXBean)%n", spec.kind());
    out.printf(Locale.ROOT, "%-18s %8s %9s %9s %14s %14s %12s%n", "mode", "images", "seconds", "img/s",
        "vs bare loop", "CPU ms/image", "CPU vs bare");
    for (Line l : lines) {
      out.printf(Locale.ROOT, "%-18s %8d %9.1f %9.1f %13.2fx %14.1f %11.2fx%n", l.mode(), l.images(), l.seconds(),
          l.perSecond(), l.perSecond() / lines.get(0).perSecond(), l.cpuMsPerImage(),
          l.cpuMsPerImage() / lines.get(0).cpuMsPerImage());
    }
    out.printf(Locale.ROOT, "load average at the end: %.2f on %d CPUs%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    return lines;
  }

  /** Decode + backend, batch by batch on {@code threads} threads, no Beam. */
  static Line bare(RunInputs in, BackendSpec spec, int threads) throws Exception {
    Backend b = SharedBackends.acquire(spec);
    ImageDataset ds = in.dataset().open();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double c0 = cpuSeconds();
      long t0 = System.nanoTime();
      List<Future<Integer>> done = new ArrayList<>();
      for (BatchRef ref : in.batches()) {
        done.add(pool.submit(() -> {
          List<DecodedExample> ex = new ArrayList<>();
          for (int i : ref.indices()) {
            try {
              ex.add(DecodedExample.of(ds.get(i), ref.shard()));
            } catch (Exception e) {
              // counted as not answered, like a dead letter
            }
          }
          return (int) b.run(ex).stream().filter(a -> a.result() != null).count();
        }));
      }
      long n = 0;
      for (Future<Integer> f : done) {
        n += f.get();
      }
      return new Line("bare loop", n, (System.nanoTime() - t0) / 1e9, cpuSeconds() - c0);
    } finally {
      pool.shutdownNow();
      SharedBackends.release(spec);
    }
  }

  private static void copy(BenchmarkOptions from, EvaluateOptions to) {
    to.setDataset(from.getDataset());
    to.setFormat(from.getFormat());
    to.setSplit(from.getSplit());
    to.setLimit(from.getLimit());
    to.setClasses(from.getClasses());
    to.setShards(from.getShards());
    to.setBatchSize(from.getBatchSize());
    to.setModel(from.getModel());
    to.setFloatModel(from.getFloatModel());
    to.setBoards(from.getBoards());
    to.setBoardAuth(from.getBoardAuth());
    to.setBackend(from.getBackend());
    to.setSeed(from.getSeed());
    to.setBootstrapReplicates(from.getBootstrapReplicates());
    to.setMaxFailureRate(from.getMaxFailureRate());
    to.setEnergySource(from.getEnergySource());
    to.setCpuWattsPerCore(from.getCpuWattsPerCore());
    to.setSysfsRoot(from.getSysfsRoot());
  }
}
