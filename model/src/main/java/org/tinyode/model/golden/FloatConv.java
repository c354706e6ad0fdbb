package org.tinyode.model.golden;

import java.util.Arrays;

/**
 * A float32 conv layer (weights {@code [cout][cin][k][k]}, bias, optional ReLU) on a fixed input size, using the
 * same tap-column kernel as the integer path; each output is accumulated from its bias in the order
 * (input channel, ky, kx). Used by the float stem and the float reference.
 */
final class FloatConv {
  private final ConvGeometry g;
  private final float[] w;
  private final float[] bias;
  private final int cout;
  private final boolean relu;

  FloatConv(ConvGeometry g, float[] w, float[] bias, int cout, boolean relu) {
    this.g = g;
    this.w = w.clone();
    this.bias = bias.clone();
    this.cout = cout;
    this.relu = relu;
  }

  ConvGeometry geometry() {
    return g;
  }

  /** {@code out}: {@code [cout][ho][wo]}. */
  void run(float[] in, float[] out, Scratch s) {
    float[] planes = s.floats(Scratch.PLANES, g.planesLength());
    g.fillPlanes(in, planes);
    int span = g.span();
    int kk = g.k() * g.k();
    int wStride = g.cin() * kk;
    float[][] cols = s.rows(Scratch.ROWS_COLS, kk, span);
    float[][] acc = s.rows(Scratch.ROWS_STEM, Math.max(4, cout), span);
    for (int c = 0; c < cout; c++) {
      Arrays.fill(acc[c], 0, span, bias[c]);
    }
    for (int ci = 0; ci < g.cin(); ci++) {
      g.fillCols(planes, ci, ci + 1, cols);
      int co = 0;
      for (; co + 4 <= cout; co += 4) {
        ConvKernel.accumulate4(cols, kk, w, co * wStride + ci * kk, wStride, acc[co], acc[co + 1], acc[co + 2],
            acc[co + 3], span);
      }
      for (; co < cout; co++) {
        ConvKernel.accumulate1(cols, kk, w, co * wStride + ci * kk, acc[co], span);
      }
    }
    int ho = g.ho();
    int wo = g.wo();
    for (int c = 0; c < cout; c++) {
      int o = c * ho * wo;
      for (int y = 0; y < ho; y++) {
        for (int x = 0; x < wo; x++) {
          float v = acc[c][y * g.wq() + x];
          out[o++] = relu && v < 0f ? 0f : v;
        }
      }
    }
  }
}
