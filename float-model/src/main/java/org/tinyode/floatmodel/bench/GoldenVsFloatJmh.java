package org.tinyode.floatmodel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsFile;

/**
 * JMH: images/s of one batch of {@value #BATCH} random images through the golden model ({@code golden}, batch
 * parallel over {@code goldenThreads} threads, 0 = all cores) and through the DJL float model ({@code djlFloat},
 * one batched forward; its threads come from {@code -Dai.djl.pytorch.num_threads}). Both models are built from the
 * same seeded random float weights (the golden one after {@code Quantizer.defaultFracs} quantization): weights do
 * not change the speed. Scores are images/s ({@link OperationsPerInvocation} = batch).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GoldenVsFloatJmh {
  public static final int BATCH = 32;

  static WeightsFile floatWeights(ModelSpec spec) {
    return RandomWeights.floatWeights(spec, 1);
  }

  static List<Example> images(ModelSpec spec) {
    SplittableRandom r = new SplittableRandom(42);
    int h = spec.input().height();
    int w = spec.input().width();
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      byte[] rgb = new byte[h * w * 3];
      for (int j = 0; j < rgb.length; j++) {
        rgb[j] = (byte) r.nextInt(256);
      }
      out.add(new Example("bench/random/" + i, i, -1, w, h, rgb));
    }
    return out;
  }

  /** The golden model and its input. */
  @State(Scope.Benchmark)
  public static class Golden {
    @Param({"cifar10-ode", "paper-stl10"})
    public String preset;

    @Param("0")
    public int goldenThreads;

    GoldenModel model;
    List<byte[]> rgb;
    int threads;

    @Setup(Level.Trial)
    public void setUp() {
      ModelSpec spec = ModelSpec.preset(preset);
      model = GoldenModel.of(Quantizer.quantize(floatWeights(spec), Quantizer.defaultFracs(spec),
          "Quantizer.defaultFracs"));
      rgb = images(spec).stream().map(Example::rgb).toList();
      threads = goldenThreads > 0 ? goldenThreads : Runtime.getRuntime().availableProcessors();
    }
  }

  /** The DJL float model and its input. */
  @State(Scope.Benchmark)
  public static class Djl {
    @Param({"cifar10-ode", "paper-stl10"})
    public String preset;

    FloatModel model;
    List<Example> batch;

    @Setup(Level.Trial)
    public void setUp() {
      ModelSpec spec = ModelSpec.preset(preset);
      model = FloatModel.of(floatWeights(spec));
      batch = images(spec);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      model.close();
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object golden(Golden s) {
    return s.model.predictBatch(s.rgb, s.threads);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object djlFloat(Djl s) {
    return s.model.predict(s.batch);
  }
}
