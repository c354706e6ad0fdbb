package org.tinyode.model.quant;

/**
 * Integer softmax of docs/fixed-point.md section 6 (steps 1-6): int32 logits of scale {@code 2^-fl} to uint8
 * probabilities of scale {@code 2^-8}.
 */
public final class IntSoftmax {
  /** {@code round(log2(e) * 2^16)}. */
  public static final long LOG2E_Q16 = 94548;
  private static final int[] EXP2_LUT = new int[256];

  static {
    for (int t = 0; t < 256; t++) {
      EXP2_LUT[t] = (int) Math.floor(32768.0 * StrictMath.pow(2.0, -t / 256.0) + 0.5);
    }
  }

  private IntSoftmax() {}

  /** A copy of {@code EXP2_LUT[t] = round(2^15 * 2^(-t/256))}, t = 0..255. */
  public static int[] exp2Lut() {
    return EXP2_LUT.clone();
  }

  /** {@code e} of step 4 for a non-negative {@code n = -u} (Q16): {@code EXP2_LUT[(n>>8)&255] >> (n>>16)}. */
  public static int exp2Neg(long n) {
    long ip = n >> 16;
    return ip >= 16 || ip < 0 ? 0 : EXP2_LUT[(int) ((n >> 8) & 0xFF)] >> ip;
  }

  /**
   * Softmax of {@code logits[off .. off+n)} (scale {@code 2^-fl}) into {@code probs[pOff .. pOff+n)} (0..255).
   * {@code scratch} needs {@code n} ints (may be null: then allocated).
   */
  public static void row(int[] logits, int off, int n, int fl, int[] probs, int pOff, int[] scratch) {
    int[] e = scratch != null ? scratch : new int[n];
    int m = Integer.MIN_VALUE;
    for (int j = 0; j < n; j++) {
      m = Math.max(m, logits[off + j]);
    }
    long s = 0;
    for (int j = 0; j < n; j++) {
      long delta = (long) logits[off + j] - m;
      long u = FixedPoint.rshift64(delta * LOG2E_Q16, fl);
      int ej = exp2Neg(u == Long.MIN_VALUE ? Long.MAX_VALUE : -u);
      e[j] = ej;
      s += ej;
    }
    long r = (1L << 31) / s;
    for (int j = 0; j < n; j++) {
      probs[pOff + j] = (int) Math.min(255, (e[j] * r + (1L << 22)) >> 23);
    }
  }

  /** Convenience: one row, new arrays. */
  public static int[] row(int[] logits, int fl) {
    int[] p = new int[logits.length];
    row(logits, 0, logits.length, fl, p, 0, null);
    return p;
  }
}
