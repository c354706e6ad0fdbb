package org.tinyode.transforms.stats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The seeded Poisson bootstrap (Hanley & MacGibbon 2006; Chamandy et al. 2012, "Estimating uncertainty for massive
 * data streams"): in replicate r each example counts w ~ Poisson(1) times, with w drawn from a generator seeded
 * by (seed, example id) alone. Replicates are thus sums over examples, mergeable in any order and identical
 * however the examples are sharded or bundled. For large n it matches the classic multinomial bootstrap.
 */
public final class PoissonBootstrap {
  private static final double E_INV = Math.exp(-1);

  private PoissonBootstrap() {}

  /** The weights of one example in replicates 0..replicates-1. */
  public static int[] weights(long seed, String exampleId, int replicates) {
    SplittableRandom r = new SplittableRandom(seed ^ fnv64(exampleId));
    int[] w = new int[replicates];
    for (int i = 0; i < replicates; i++) {
      w[i] = poisson1(r.nextDouble());
    }
    return w;
  }

  /** Poisson(1) by inversion of its CDF at u in [0,1). */
  static int poisson1(double u) {
    int k = 0;
    double p = E_INV;
    double cdf = p;
    while (u >= cdf && k < 30) {
      k++;
      p /= k;
      cdf += p;
    }
    return k;
  }

  /** FNV-1a 64 over the UTF-8 bytes (stable across JVMs). */
  static long fnv64(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The [alpha/2, 1-alpha/2] percentile interval of replicate ratios num[r]/den[r] (replicates with den 0 skipped). */
  public static double[] percentileInterval(long[] num, long[] den, double alpha) {
    double[] v = new double[num.length];
    int n = 0;
    for (int r = 0; r < num.length; r++) {
      if (den[r] > 0) {
        v[n++] = (double) num[r] / den[r];
      }
    }
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] s = Arrays.copyOf(v, n);
    Arrays.sort(s);
    return new double[] {quantile(s, alpha / 2), quantile(s, 1 - alpha / 2)};
  }

  /** Linear interpolation between closest ranks of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
