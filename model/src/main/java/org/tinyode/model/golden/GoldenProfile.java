package org.tinyode.model.golden;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tinyode.model.spec.ModelCost;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageCost;

/**
 * Where the golden model's time goes: CPU time of the measuring thread per part (software stem, each FPGA stage,
 * software head) on one thread, random images, after a warm-up. Thread CPU time rather than wall time so that
 * background load on a shared machine does not land on whichever part was running when the thread was descheduled
 * (cache and frequency effects of other processes remain). Labelled {@code measured:GoldenProfile}.
 */
public final class GoldenProfile {
  private GoldenProfile() {}

  /** One part: mean milliseconds per image, share of the total, and MAC rate (GMAC/s on one thread). */
  public record Part(String name, double msPerImage, double share, long macs, double gmacPerSecond) {}

  /** Runs single-threaded for about {@code seconds} after a warm-up of about {@code seconds / 2}. */
  public static List<Part> measure(GoldenModel model, double seconds) {
    ModelSpec spec = model.spec();
    SplittableRandom r = new SplittableRandom(7);
    byte[][] images = new byte[8][spec.input().height() * spec.input().width() * 3];
    for (byte[] img : images) {
      for (int j = 0; j < img.length; j++) {
        img[j] = (byte) r.nextInt(256);
      }
    }
    List<String> names = model.partNames();
    long[] nanos = new long[names.size()];
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    java.util.function.LongSupplier clock = mx.isCurrentThreadCpuTimeSupported()
        ? mx::getCurrentThreadCpuTime : System::nanoTime;
    long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
    for (int i = 0; System.nanoTime() < warmEnd || i < 4; i++) {
      model.timedPredict(images[i % images.length], nanos, clock);
    }
    java.util.Arrays.fill(nanos, 0);
    long end = System.nanoTime() + (long) (seconds * 1e9);
    int n = 0;
    while (System.nanoTime() < end || n == 0) {
      model.timedPredict(images[n % images.length], nanos, clock);
      n++;
    }
    long total = 0;
    for (long v : nanos) {
      total += v;
    }
    List<StageCost> costs = ModelCost.of(spec).stages();
    List<Part> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      double ms = nanos[i] / 1e6 / n;
      long macs = costs.get(i).macs();
      out.add(new Part(names.get(i), ms, (double) nanos[i] / total, macs, macs / (ms * 1e6)));
    }
    return out;
  }

  /** A Markdown table of {@link #measure}'s result. */
  public static String table(List<Part> parts) {
    StringBuilder b = new StringBuilder("| part | CPU ms/image (1 thread) | share | MMAC/image | GMAC/s per thread |\n|---|---:|---:|---:|---:|\n");
    double total = 0;
    long macs = 0;
    for (Part p : parts) {
      b.append(String.format(Locale.ROOT, "| %s | %.3f | %.1f %% | %.2f | %.1f |%n", p.name(), p.msPerImage(),
          100 * p.share(), p.macs() / 1e6, p.gmacPerSecond()));
      total += p.msPerImage();
      macs += p.macs();
    }
    b.append(String.format(Locale.ROOT, "| total | %.3f | 100 %% | %.2f | %.1f |%n", total, macs / 1e6,
        macs / (total * 1e6)));
    return b.toString();
  }
}
