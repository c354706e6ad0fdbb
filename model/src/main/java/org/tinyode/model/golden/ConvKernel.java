package org.tinyode.model.golden;

/**
 * The multiply-accumulate inner loops over tap columns (see {@link ConvGeometry#fillCols}): every column and every
 * accumulator is its own array indexed by the same {@code i}, the loop shape Java 17's C2 auto-vectorises.
 * Products of int8-valued floats are exact in float32, and so is every partial sum below 2^24 in magnitude;
 * callers bound the products per float partial sum (≤ 1024 int8×int8 products) and then move it into an int
 * accumulator. The same loops, in plain float order, serve the float stem.
 */
final class ConvKernel {
  private ConvKernel() {}

  /**
   * {@code a_j[i] += sum over t < taps of w[wBase + j*wStride + t] * cols[t][i]} for j = 0..3, t in increasing
   * order (per element: one float product and one float add per tap).
   */
  static void accumulate4(float[][] cols, int taps, float[] w, int wBase, int wStride, float[] a0, float[] a1,
      float[] a2, float[] a3, int span) {
    for (int t = 0; t < taps; t++) {
      pass4(cols[t], a0, a1, a2, a3, span, w[wBase + t], w[wBase + wStride + t], w[wBase + 2 * wStride + t],
          w[wBase + 3 * wStride + t]);
    }
  }

  static void pass4(float[] x, float[] a0, float[] a1, float[] a2, float[] a3, int n, float w0, float w1,
      float w2, float w3) {
    for (int i = 0; i < n; i++) {
      float v = x[i];
      a0[i] += w0 * v;
      a1[i] += w1 * v;
      a2[i] += w2 * v;
      a3[i] += w3 * v;
    }
  }

  /** One output channel: {@code a[i] += sum over t of w[wBase + t] * cols[t][i]}. */
  static void accumulate1(float[][] cols, int taps, float[] w, int wBase, float[] a, int span) {
    for (int t = 0; t < taps; t++) {
      float w0 = w[wBase + t];
      float[] x = cols[t];
      for (int i = 0; i < span; i++) {
        a[i] += w0 * x[i];
      }
    }
  }

  /** {@code iacc[base + i] += (int) facc[i]; facc[i] = 0} over {@code n} elements. */
  static void flush(float[] facc, int[] iacc, int base, int n) {
    for (int i = 0; i < n; i++) {
      iacc[base + i] += (int) facc[i];
      facc[i] = 0f;
    }
  }
}
