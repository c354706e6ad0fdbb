package org.tinyode.floatmodel.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.golden.GoldenProfile;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.WeightsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code golden-vs-float}: golden model vs DJL float model, side by side in one run. Repeats {@code --rounds} rounds; each
 * round runs, per preset, both JMH benchmarks of {@link GoldenVsFloatJmh} in a forked JVM each (order alternating
 * between rounds so that drifting background load hits both sides alike), then prints images/s and the ratio
 * golden / DJL as median [min, max] over the rounds, and a per-stage profile of both models. Needs the JVM flags
 * {@code --add-modules=jdk.incubator.vector -Dai.djl.offline=true} and the environment {@code OPT_OUT_TRACKING=true}
 * and {@code DJL_CACHE_DIR} (forks inherit them).
 */
@Command(name = "golden-vs-float", mixinStandardHelpOptions = true,
    description = "JMH: golden integer model vs DJL float model images/s on the same preset and batch (32), "
        + "repeated rounds, ratio table and per-stage profile (random weights; timing only).")
public final class GoldenVsFloatBench implements Callable<Integer> {

  @Option(names = "--presets", split = ",", defaultValue = "cifar10-ode,paper-stl10",
      description = "model presets to measure, comma-separated (default ${DEFAULT-VALUE})")
  List<String> presets;

  @Option(names = "--rounds", defaultValue = "3", description = "side-by-side rounds (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--threads", defaultValue = "0",
      description = "threads for both sides: golden batch threads and DJL intra-op threads (0 = all cores)")
  int threads;

  @Option(names = "--warmup", defaultValue = "3", description = "JMH warm-up iterations per fork")
  int warmup;

  @Option(names = "--iterations", defaultValue = "3", description = "JMH measured iterations per fork")
  int iterations;

  @Option(names = "--seconds", defaultValue = "3", description = "seconds per JMH iteration")
  int seconds;

  @Option(names = "--profile-seconds", defaultValue = "6", description = "per-stage profile length; 0 = none")
  double profileSeconds;

  private static final String[] SIDES = {"golden", "djlFloat"};

  public static void main(String[] args) {
    System.exit(new CommandLine(new GoldenVsFloatBench()).execute(args));
  }

  @Override
  public Integer call() throws RunnerException {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
    System.out.printf(Locale.ROOT, "golden threads %d (batch-parallel), DJL -Dai.djl.pytorch.num_threads=%d "
        + "num_interop_threads=1, batch %d, %d cores, %s, load average at start %.2f%n", n, n,
        GoldenVsFloatJmh.BATCH, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
        loadAverage());
    // results[preset][side] = images/s per round
    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (String preset : presets) {
        for (int k = 0; k < 2; k++) {
          String side = SIDES[(k + round) % 2];
          double score = runOne(side, preset, n);
          results.computeIfAbsent(preset, p -> new LinkedHashMap<>()).computeIfAbsent(side, s -> new ArrayList<>())
              .add(score);
          System.out.printf(Locale.ROOT, "round %d %s %s: %.1f images/s (load average %.2f)%n", round + 1, preset,
              side, score, loadAverage());
        }
      }
    }
    System.out.println();
    System.out.println(table(results));
    if (profileSeconds > 0) {
      for (String preset : presets) {
        profile(preset, n);
      }
    }
    return 0;
  }

  private double runOne(String side, String preset, int n) throws RunnerException {
    ChainedOptionsBuilder o = new OptionsBuilder()
        .include(GoldenVsFloatJmh.class.getName() + "\\." + side + "$")
        .param("preset", preset)
        .param("goldenThreads", Integer.toString(n))
        .forks(1)
        .warmupIterations(warmup)
        .measurementIterations(iterations)
        .warmupTime(TimeValue.seconds(seconds))
        .measurementTime(TimeValue.seconds(seconds))
        .jvmArgsAppend("-Dai.djl.pytorch.num_threads=" + n, "-Dai.djl.pytorch.num_interop_threads=1")
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT);
    RunResult r = new Runner(o.build()).runSingle();
    return r.getPrimaryResult().getScore();
  }

  static String table(Map<String, Map<String, List<Double>>> results) {
    StringBuilder b = new StringBuilder(
        "| preset | batch | golden images/s median [min, max] | DJL float images/s median [min, max] "
            + "| ratio golden/DJL median [min, max] | rounds |\n|---|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, List<Double>>> e : results.entrySet()) {
      List<Double> g = e.getValue().get("golden");
      List<Double> d = e.getValue().get("djlFloat");
      List<Double> ratio = new ArrayList<>();
      for (int i = 0; i < Math.min(g.size(), d.size()); i++) {
        ratio.add(g.get(i) / d.get(i));
      }
      b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d |%n", e.getKey(), GoldenVsFloatJmh.BATCH,
          spread(g, "%.1f"), spread(d, "%.1f"), spread(ratio, "%.2fx"), ratio.size()));
    }
    return b.append("[measured:GoldenVsFloatBench, JMH 1.37 throughput, per-round ratio]").toString();
  }

  private static String spread(List<Double> v, String fmt) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    double med = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    return String.format(Locale.ROOT, fmt + " [" + fmt + ", " + fmt + "]", med, s.get(0), s.get(s.size() - 1));
  }

  /** Golden: ms per image per part on one thread; DJL: each stage's batch wall time / batch on n threads. */
  private void profile(String preset, int n) {
    ModelSpec spec = ModelSpec.preset(preset);
    WeightsFile fw = GoldenVsFloatJmh.floatWeights(spec);
    GoldenModel golden = GoldenModel.of(Quantizer.quantize(fw, Quantizer.defaultFracs(spec),
        "Quantizer.defaultFracs"));
    System.out.printf(Locale.ROOT, "%n%s golden per part, one thread (load average %.2f) [measured:GoldenProfile]%n",
        preset, loadAverage());
    System.out.print(GoldenProfile.table(GoldenProfile.measure(golden, profileSeconds)));
    List<Example> batch = GoldenVsFloatJmh.images(spec);
    Map<String, Long> sum = new LinkedHashMap<>();
    int runs = 0;
    try (FloatModel m = FloatModel.of(fw)) {
      long warmEnd = System.nanoTime() + (long) (profileSeconds * 0.5e9);
      while (System.nanoTime() < warmEnd) {
        m.predict(batch);
      }
      long end = System.nanoTime() + (long) (profileSeconds * 1e9);
      while (System.nanoTime() < end || runs == 0) {
        Prediction p = m.predict(batch).get(0);
        p.stageNanos().forEach((k, v) -> sum.merge(k, v, Long::sum));
        runs++;
      }
    }
    System.out.printf(Locale.ROOT, "%s DJL float per stage, batch %d on %d intra-op threads, wall time / batch "
        + "[measured:GoldenVsFloatBench]%n| stage | ms/image | share |%n|---|---:|---:|%n", preset,
        GoldenVsFloatJmh.BATCH, n);
    long total = sum.values().stream().mapToLong(Long::longValue).sum();
    for (Map.Entry<String, Long> e : sum.entrySet()) {
      System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f %% |%n", e.getKey(),
          e.getValue() / 1e6 / runs / GoldenVsFloatJmh.BATCH, 100.0 * e.getValue() / total);
    }
    System.out.printf(Locale.ROOT, "| total | %.3f | 100 %% |%n", total / 1e6 / runs / GoldenVsFloatJmh.BATCH);
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
