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

  /** Vector API path (null when off): weights packed {@code [cout/4][taps][4]}, tap offsets, planes length. */
  private final float[] wp;
  private final int[] tapOff;
  private final int planesNeeded;
  private final int tiles;
  private final int[] qToOut;

  /** Vector API path when available and the layer has at least 64 taps (below, the plain loop measured faster). */
  FloatConv(ConvGeometry g, float[] w, float[] bias, int cout, boolean relu) {
    this(g, w, bias, cout, relu, VectorSupport.enabled() && g.cin() * g.k() * g.k() >= 64);
  }

  /** @param vector use the Vector API kernel (the module must be present); same bits either way */
  FloatConv(ConvGeometry g, float[] w, float[] bias, int cout, boolean relu, boolean vector) {
    this.g = g;
    this.w = w.clone();
    this.bias = bias.clone();
    this.cout = cout;
    this.relu = relu;
    int kk = g.k() * g.k();
    int taps = g.cin() * kk;
    this.tiles = (g.span() + VectorConvKernel.SP_Q - 1) / VectorConvKernel.SP_Q;
    if (vector) {
      int cb4 = (cout + 3) / 4;
      this.wp = new float[cb4 * taps * 4];
      this.tapOff = new int[taps];
      int maxOff = 0;
      for (int t = 0; t < taps; t++) {
        tapOff[t] = g.tapOffset(t / kk, (t % kk) / g.k(), t % g.k());
        maxOff = Math.max(maxOff, tapOff[t]);
      }
      for (int c = 0; c < cout; c++) {
        for (int t = 0; t < taps; t++) {
          wp[((c / 4) * taps + t) * 4 + c % 4] = w[c * taps + t];
        }
      }
      this.planesNeeded = Math.max(g.planesLength(), maxOff + tiles * VectorConvKernel.SP_Q);
      this.qToOut = new int[tiles * VectorConvKernel.SP_Q];
      for (int q = 0; q < qToOut.length; q++) {
        qToOut[q] = q < g.span() && q % g.wq() < g.wo() ? (q / g.wq()) * g.wo() + q % g.wq() : -1;
      }
    } else {
      this.qToOut = null;
      this.wp = null;
      this.tapOff = null;
      this.planesNeeded = g.planesLength();
    }
  }

  /** The Vector API path: 4 output channels x 24 flat positions per tile, then ReLU and the valid columns. */
  private void runVector(float[] in, float[] out, Scratch s) {
    float[] planes = s.floats(Scratch.PLANES, planesNeeded);
    g.fillPlanes(in, planes);
    int taps = g.cin() * g.k() * g.k();
    float[] f = s.floats(Scratch.TILE_F, 96);
    int hw = g.ho() * g.wo();
    for (int cb = 0; cb * 4 < cout; cb++) {
      int c0 = cb * 4;
      float b0 = bias[c0];
      float b1 = c0 + 1 < cout ? bias[c0 + 1] : 0f;
      float b2 = c0 + 2 < cout ? bias[c0 + 2] : 0f;
      float b3 = c0 + 3 < cout ? bias[c0 + 3] : 0f;
      for (int tile = 0; tile < tiles; tile++) {
        int q0 = tile * VectorConvKernel.SP_Q;
        VectorConvKernel.spatialFloat(planes, tapOff, taps, wp, cb * taps * 4, q0, b0, b1, b2, b3, f);
        for (int j = 0; j < 4 && c0 + j < cout; j++) {
          int o = (c0 + j) * hw;
          for (int i = 0; i < VectorConvKernel.SP_Q; i++) {
            int p = qToOut[q0 + i];
            if (p >= 0) {
              float v = f[j * VectorConvKernel.SP_Q + i];
              out[o + p] = relu && v < 0f ? 0f : v;
            }
          }
        }
      }
    }
  }

  ConvGeometry geometry() {
    return g;
  }

  /** {@code out}: {@code [cout][ho][wo]}. */
  void run(float[] in, float[] out, Scratch s) {
    if (wp != null) {
      runVector(in, out, s);
      return;
    }
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
