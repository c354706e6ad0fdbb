package org.tinyode.floatmodel.quant;

/**
 * Scalar rules of docs/fixed-point.md needed on the training side (format choice). Kept bit-identical to the
 * model module's rules: {@code f = floor(log2(127 / max))}, computed exactly with power-of-two scaling rather than
 * a floating-point logarithm; an all-zero tensor gets {@code f = 0}.
 */
public final class FixedPointMath {

  private FixedPointMath() {}

  /** Largest {@code f} with {@code absMax * 2^f <= 127}; 0 when {@code absMax} is 0 (or not finite). */
  public static int fracFor(double absMax) {
    if (!(absMax > 0) || !Double.isFinite(absMax)) {
      return 0;
    }
    int f = (int) Math.floor(Math.log(127.0 / absMax) / Math.log(2.0));
    while (Math.scalb(absMax, f + 1) <= 127.0) {
      f++;
    }
    while (Math.scalb(absMax, f) > 127.0) {
      f--;
    }
    return f;
  }

  /** Activation edge format from its calibrated absolute maximum (section 3). */
  public static int activationFrac(double absMax) {
    return fracFor(absMax);
  }

  /** Weight format of one output channel from {@code max|w[c]|} (section 3). */
  public static int weightFrac(double absMax) {
    return fracFor(absMax);
  }

  /** {@code floor(x * 2^f + 1/2)} saturated to [lo, hi]. */
  public static long quantize(double x, int f, long lo, long hi) {
    double v = Math.floor(Math.scalb(x, f) + 0.5);
    return (long) Math.max(lo, Math.min(hi, v));
  }
}
