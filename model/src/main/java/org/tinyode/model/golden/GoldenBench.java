package org.tinyode.model.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelCost;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsFile;

/**
 * Throughput of the golden model: {@code java -cp <model jar + deps> org.tinyode.model.golden.GoldenBench
 * [preset|all] [batch=32] [seconds=10] [threads=all]}. Uses seeded random weights (timing only) and random images;
 * prints images/s and the effective integer GMAC/s, then the per-part profile ({@link GoldenProfile}). Run with
 * {@code --add-modules jdk.incubator.vector} for the Vector API kernels. Reusable: {@link #measure} returns the numbers.
 */
public final class GoldenBench {
  private GoldenBench() {}

  /** One measurement. */
  public record Result(String preset, int batch, int threads, int images, double seconds, double imagesPerSecond,
      double fpgaGmacPerSecond) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT,
          "%s: %.1f images/s (batch %d, %d threads, %d images in %.1f s, FPGA part %.1f GMAC/s) "
              + "[measured:GoldenBench]", preset, imagesPerSecond, batch, threads, images, seconds,
          fpgaGmacPerSecond);
    }
  }

  public static Result measure(GoldenModel model, int batch, int threads, double seconds) {
    ModelSpec spec = model.spec();
    SplittableRandom r = new SplittableRandom(42);
    List<byte[]> images = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      byte[] img = new byte[spec.input().height() * spec.input().width() * 3];
      for (int j = 0; j < img.length; j++) {
        img[j] = (byte) r.nextInt(256);
      }
      images.add(img);
    }
    // warm-up: at least 3 batches or 2 seconds
    long warmEnd = System.nanoTime() + 2_000_000_000L;
    for (int i = 0; i < 3 || System.nanoTime() < warmEnd; i++) {
      model.predictBatch(images, threads);
    }
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int done = 0;
    while (System.nanoTime() < end || done == 0) {
      model.predictBatch(images, threads);
      done += batch;
    }
    double sec = (System.nanoTime() - start) / 1e9;
    double ips = done / sec;
    double gmacs = ips * ModelCost.of(spec).fpgaMacs() / 1e9;
    return new Result(spec.name(), batch, threads, done, sec, ips, gmacs);
  }

  public static GoldenModel randomModel(ModelSpec spec) {
    WeightsFile f = RandomWeights.floatWeights(spec, 1);
    return GoldenModel.of(Quantizer.quantize(f, Quantizer.defaultFracs(spec), "Quantizer.defaultFracs"));
  }

  public static void main(String[] args) {
    String which = args.length > 0 ? args[0] : "all";
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    List<String> presets = which.equals("all") ? ModelSpec.presetNames() : List.of(which);
    System.out.println("kernels: " + VectorSupport.describe());
    for (String p : presets) {
      GoldenModel m = randomModel(ModelSpec.preset(p));
      System.out.println(measure(m, batch, threads, seconds));
      System.out.println(p + " per part, one thread [measured:GoldenProfile]:");
      System.out.print(GoldenProfile.table(GoldenProfile.measure(m, Math.max(2, seconds / 2))));
    }
  }
}
