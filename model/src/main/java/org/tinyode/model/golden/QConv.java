package org.tinyode.model.golden;

import java.util.Arrays;
import org.tinyode.model.quant.FixedPoint;

/**
 * One quantized conv layer (docs/fixed-point.md section 4) on a fixed input size:
 * {@code y = sat8(rshift(relu?(bias + sum x*w), fIn + fw[c] - fOut))}. Immutable; thread-safe.
 */
final class QConv {
  final String name;
  final int cout;
  final ConvGeometry g;
  private final float[] w;
  private final int[] bias;
  private final int[] shift;
  private final boolean relu;
  private final int ciBlock;
  /** Channel-vector mode (accumulators run over output channels; for small maps) instead of spatial-vector mode. */
  final boolean channelMode;
  private final float[][] wT;
  private final int[] tapOff;
  private final int[] positions;
  /** The Vector API path, or null (module absent or {@code -Dtinyode.golden.kernel=plain}). */
  private final TiledConv tiled;

  /**
   * @param wq int8 weights {@code [cout][cin][k][k]}
   * @param fw per-channel weight fracs
   */
  QConv(String name, byte[] wq, byte[] fw, int[] bias, int cout, ConvGeometry g, int fIn, int fOut, boolean relu) {
    this(name, wq, fw, bias, cout, g, fIn, fOut, relu, defaultMode(g, cout));
  }

  QConv(String name, byte[] wq, byte[] fw, int[] bias, int cout, ConvGeometry g, int fIn, int fOut, boolean relu,
      boolean channelMode) {
    this(name, wq, fw, bias, cout, g, fIn, fOut, relu, channelMode, VectorSupport.enabled());
  }

  /** Mode choice: system property {@code tinyode.golden.convMode} = auto|spatial|channel; auto = channel mode when
   * the flat spatial span is shorter than the output channel count (measured best on every preset layer). */
  static boolean defaultMode(ConvGeometry g, int cout) {
    String force = System.getProperty("tinyode.golden.convMode", "auto");
    return force.equals("channel") || (force.equals("auto") && g.span() < cout);
  }

  /** @param vector use the Vector API kernels ({@link VectorSupport#available()} must hold) */
  QConv(String name, byte[] wq, byte[] fw, int[] bias, int cout, ConvGeometry g, int fIn, int fOut, boolean relu,
      boolean channelMode, boolean vector) {
    this.name = name;
    this.cout = cout;
    this.g = g;
    this.w = new float[wq.length];
    for (int i = 0; i < wq.length; i++) {
      w[i] = wq[i];
    }
    this.bias = bias.clone();
    this.shift = new int[cout];
    for (int c = 0; c < cout; c++) {
      shift[c] = fIn + fw[c] - fOut;
    }
    this.relu = relu;
    // ≤ 1024 products of magnitude < 2^14 per float partial sum keeps it below 2^24 (exact)
    this.ciBlock = g.ciBlock();
    this.channelMode = channelMode;
    int kk = g.k() * g.k();
    int taps = g.cin() * kk;
    this.wT = new float[channelMode ? taps : 0][];
    this.tapOff = new int[taps];
    for (int t = 0; t < taps; t++) {
      int ci = t / kk;
      int r = t % kk;
      tapOff[t] = g.tapOffset(ci, r / g.k(), r % g.k());
      if (channelMode) {
        wT[t] = new float[cout];
        for (int c = 0; c < cout; c++) {
          wT[t][c] = w[c * taps + t];
        }
      }
    }
    this.tiled = vector ? new TiledConv(g, w, cout, tapOff, channelMode, this.bias, shift, relu) : null;
    this.positions = new int[g.ho() * g.wo()];
    for (int y = 0, i = 0; y < g.ho(); y++) {
      for (int x = 0; x < g.wo(); x++) {
        positions[i++] = y * g.wq() + x;
      }
    }
  }

  /**
   * Channel-vector mode: for 4 output positions at a time, {@code acc_p[co] += x_p(tap) * wT[tap][co]} over the
   * taps of an input-channel block (≤ 1024 products per float partial sum), flushed to int per block.
   */
  private void runChannels(float[] in, float[] out, Scratch s) {
    float[] planes = s.floats(Scratch.PLANES, g.planesLength());
    g.fillPlanes(in, planes);
    int kk = g.k() * g.k();
    int blockTaps = Math.min(1024 / kk, g.cin()) * kk;
    int taps = g.cin() * kk;
    float[][] a = s.rows(Scratch.ROWS_STEM, 4, cout);
    int[] ia = s.ints(Scratch.INT_A, 4 * cout);
    int np = positions.length;
    int hw = g.ho() * g.wo();
    for (int p0 = 0; p0 < np; p0 += 4) {
      int nb = Math.min(4, np - p0);
      int q0 = positions[p0];
      int q1 = positions[p0 + Math.min(1, nb - 1)];
      int q2 = positions[p0 + Math.min(2, nb - 1)];
      int q3 = positions[p0 + Math.min(3, nb - 1)];
      Arrays.fill(ia, 0, 4 * cout, 0);
      for (int t0 = 0; t0 < taps; t0 += blockTaps) {
        int t1 = Math.min(taps, t0 + blockTaps);
        for (int j = 0; j < 4; j++) {
          Arrays.fill(a[j], 0, cout, 0f);
        }
        for (int t = t0; t < t1; t++) {
          int off = tapOff[t];
          ConvKernel.pass4(wT[t], a[0], a[1], a[2], a[3], cout, planes[off + q0], planes[off + q1],
              planes[off + q2], planes[off + q3]);
        }
        for (int j = 0; j < 4; j++) {
          ConvKernel.flush(a[j], ia, j * cout, cout);
        }
      }
      for (int j = 0; j < nb; j++) {
        int pos = p0 + j;
        for (int c = 0; c < cout; c++) {
          long v = FixedPoint.sat32((long) bias[c] + ia[j * cout + c]);
          if (relu && v < 0) {
            v = 0;
          }
          out[c * hw + pos] = FixedPoint.sat8(FixedPoint.rshift(v, shift[c]));
        }
      }
    }
  }

  /** {@code in}: {@code [cin][h][w]} int8 values as floats; {@code out}: {@code [cout][ho][wo]}. */
  void run(float[] in, float[] out, Scratch s) {
    if (tiled != null) {
      float[] planes = s.floats(Scratch.PLANES, tiled.planesNeeded());
      g.fillPlanes(in, planes);
      tiled.run(planes, out, s, this);
      return;
    }
    if (channelMode) {
      runChannels(in, out, s);
      return;
    }
    float[] planes = s.floats(Scratch.PLANES, g.planesLength());
    g.fillPlanes(in, planes);
    int span = g.span();
    int kk = g.k() * g.k();
    int wStride = g.cin() * kk;
    float[][] f = s.rows(Scratch.ROWS_STEM, 4, span);
    float[][] cols = s.rows(Scratch.ROWS_COLS, ciBlock * kk, span);
    int[] iacc = s.ints(Scratch.INT_A, cout * span);
    java.util.Arrays.fill(iacc, 0, cout * span, 0);
    for (int j = 0; j < 4; j++) {
      Arrays.fill(f[j], 0, span, 0f);
    }
    for (int c0 = 0; c0 < g.cin(); c0 += ciBlock) {
      int c1 = Math.min(g.cin(), c0 + ciBlock);
      int taps = (c1 - c0) * kk;
      g.fillCols(planes, c0, c1, cols);
      int co = 0;
      for (; co + 4 <= cout; co += 4) {
        ConvKernel.accumulate4(cols, taps, w, co * wStride + c0 * kk, wStride, f[0], f[1], f[2], f[3], span);
        for (int j = 0; j < 4; j++) {
          ConvKernel.flush(f[j], iacc, (co + j) * span, span);
        }
      }
      for (; co < cout; co++) {
        ConvKernel.accumulate1(cols, taps, w, co * wStride + c0 * kk, f[0], span);
        ConvKernel.flush(f[0], iacc, co * span, span);
      }
    }
    for (int c = 0; c < cout; c++) {
      finish(c, iacc, c * span, out);
    }
  }

  /** Section 4 epilogue of output channel {@code c}: {@code sat8(rshift(relu?(sat32(bias + acc)), shift))}. */
  float requantize(int c, int acc) {
    long v = FixedPoint.sat32((long) bias[c] + acc);
    if (relu && v < 0) {
      v = 0;
    }
    return FixedPoint.sat8(FixedPoint.rshift(v, shift[c]));
  }

  /** True when this layer runs on the Vector API kernels. */
  boolean vectorised() {
    return tiled != null;
  }

  private void finish(int c, int[] iacc, int base, float[] out) {
    int ho = g.ho();
    int wo = g.wo();
    int wq = g.wq();
    long b = bias[c];
    int sh = shift[c];
    int o = c * ho * wo;
    for (int y = 0; y < ho; y++) {
      for (int x = 0; x < wo; x++) {
        long v = FixedPoint.sat32(b + iacc[base + y * wq + x]);
        if (relu && v < 0) {
          v = 0;
        }
        out[o++] = FixedPoint.sat8(FixedPoint.rshift(v, sh));
      }
    }
  }

  int outSize() {
    return cout * g.ho() * g.wo();
  }
}
