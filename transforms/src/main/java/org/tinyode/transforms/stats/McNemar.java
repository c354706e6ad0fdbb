package org.tinyode.transforms.stats;

/**
 * McNemar's test of paired correctness (McNemar 1947): with {@code b} examples right for A and wrong for B and
 * {@code c} the reverse, under H0 (equal accuracy) b ~ Binomial(b + c, 1/2). The exact two-sided p-value is
 * {@code min(1, 2 * P[X <= min(b, c)])}; computed in log space, exact for any b + c.
 */
public final class McNemar {
  private McNemar() {}

  public static double exactPValue(long b, long c) {
    long n = b + c;
    if (n == 0) {
      return 1.0;
    }
    long k = Math.min(b, c);
    double sum = 0;
    for (long i = 0; i <= k; i++) {
      sum += Math.exp(logChoose(n, i) - n * Math.log(2));
    }
    return Math.min(1.0, 2 * sum);
  }

  static double logChoose(long n, long k) {
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
  }

  /** log Γ(x) for x >= 1 (Lanczos, g = 7, n = 9; relative error < 1e-13). */
  static double lgamma(double x) {
    double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
