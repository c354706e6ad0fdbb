package org.tinyode.model.quant;

/**
 * Rounding, saturation and format choice of docs/fixed-point.md (sections 2 and 3). All real-valued inputs are
 * handled in float64 (a float32 value widened to double), so the results do not depend on float32 rounding.
 */
public final class FixedPoint {
  /** Lowest and highest fractional-bit count the quantizer chooses (format choice clamps to this range). */
  public static final int MIN_FRAC = -24;
  public static final int MAX_FRAC = 24;

  private FixedPoint() {}

  /** {@code min(127, max(-128, v))}. */
  public static int sat8(long v) {
    return v > 127 ? 127 : (v < -128 ? -128 : (int) v);
  }

  /** Saturate to int32. */
  public static int sat32(long v) {
    return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v);
  }

  /**
   * Rescale by {@code 2^-s}, round half up: {@code s > 0}: {@code (v + 2^(s-1)) >> s} (= floor(v / 2^s + 1/2));
   * {@code s = 0}: v; {@code s < 0}: {@code v << -s} saturated to int32. The result is int32 range.
   */
  public static int rshift(long v, int s) {
    if (s > 0) {
      return sat32(s >= 63 ? 0 : (v + (1L << (s - 1))) >> s);
    }
    if (s == 0) {
      return sat32(v);
    }
    return sat32(shiftLeftSaturated(v, -s));
  }

  /** As {@link #rshift} but in int64 (left shifts saturate to int64); used by the softmax. */
  public static long rshift64(long v, int s) {
    if (s > 0) {
      if (s >= 63) {
        return 0;
      }
      long half = 1L << (s - 1);
      // v + half cannot overflow for the softmax's |v| < 2^62
      return (v + half) >> s;
    }
    return s == 0 ? v : shiftLeftSaturated(v, -s);
  }

  private static long shiftLeftSaturated(long v, int n) {
    if (v == 0) {
      return 0;
    }
    if (n >= 63) {
      return v > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    long limit = Long.MAX_VALUE >> n;
    if (v > limit) {
      return Long.MAX_VALUE;
    }
    if (v < -limit - 1) {
      return Long.MIN_VALUE;
    }
    return v << n;
  }

  /** {@code floor(x + 1/2)} as a long (saturating at the long range). */
  public static long roundHalfUp(double x) {
    return (long) Math.floor(x + 0.5);
  }

  /** Activation quantization: {@code sat8(floor(x * 2^f + 1/2))}. */
  public static int quantize(double x, int f) {
    return sat8(roundHalfUp(Math.scalb(x, f)));
  }

  /** Weight quantization: symmetric, {@code min(127, max(-127, floor(x * 2^f + 1/2)))}. */
  public static int quantizeWeight(double x, int f) {
    long q = roundHalfUp(Math.scalb(x, f));
    return (int) Math.max(-127, Math.min(127, q));
  }

  /** Bias quantization to the accumulator scale {@code 2^-accFrac}: round half up, saturated to int32. */
  public static int quantizeBias(double b, int accFrac) {
    return sat32(roundHalfUp(Math.scalb(b, accFrac)));
  }

  /** Dequantize: {@code q * 2^-f}. */
  public static double dequantize(long q, int f) {
    return Math.scalb((double) q, -f);
  }

  /**
   * Format for a maximum absolute value: the largest {@code f} with {@code absMax * 2^f <= 127}, clamped to
   * [{@link #MIN_FRAC}, {@link #MAX_FRAC}]; {@code absMax == 0} gives 0. Exact (no log rounding).
   */
  public static int fracForAbsMax(double absMax) {
    if (!(absMax > 0)) {
      return 0;
    }
    if (!Double.isFinite(absMax)) {
      return MIN_FRAC;
    }
    int f = (int) Math.floor(Math.log(127.0 / absMax) / Math.log(2));
    while (Math.scalb(absMax, f + 1) <= 127.0) {
      f++;
    }
    while (Math.scalb(absMax, f) > 127.0) {
      f--;
    }
    return Math.max(MIN_FRAC, Math.min(MAX_FRAC, f));
  }

  /** Per-output-channel weight format {@code fw = fracForAbsMax(max |w|)} over one channel's weights. */
  public static int weightFrac(float[] channelWeights) {
    return weightFrac(channelWeights, 0, channelWeights.length);
  }

  public static int weightFrac(float[] w, int from, int len) {
    double m = 0;
    for (int i = from; i < from + len; i++) {
      m = Math.max(m, Math.abs((double) w[i]));
    }
    return fracForAbsMax(m);
  }

  /** As {@link #weightFrac(float[], int, int)} for float64 weights (the folded BN weights). */
  public static int weightFrac(double[] w, int from, int len) {
    double m = 0;
    for (int i = from; i < from + len; i++) {
      m = Math.max(m, Math.abs(w[i]));
    }
    return fracForAbsMax(m);
  }

  /** Activation format from a calibrated absolute maximum: {@link #fracForAbsMax}. */
  public static int activationFrac(double absMax) {
    return fracForAbsMax(absMax);
  }
}
