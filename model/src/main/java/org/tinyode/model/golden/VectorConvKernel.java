package org.tinyode.model.golden;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled multiply-accumulate micro-kernels on the Java Vector API ({@code jdk.incubator.vector}, 256-bit
 * float lanes, FMA). Operands are int8 values held in floats: every product is exact (|p| < 2^14) and every partial
 * sum of at most 1024 products is exact (< 2^24), so the fused multiply-add rounds nothing and the result equals
 * the integer sum whatever the order. Callers bound a call to ≤ 1024 taps and convert the returned float sums to
 * int. im2col-free: a tap row is read straight from the zero-padded phase planes at {@code off[t] + q}.
 *
 * <p>Only loaded when the module is present (see {@link VectorSupport}); needs
 * {@code --add-modules jdk.incubator.vector} at compile and run time.
 */
final class VectorConvKernel {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  /** Lanes per vector. */
  static final int L = 8;
  /** Spatial tile: 4 output channels x 3 vectors (24 positions). */
  static final int SP_CO = 4;
  static final int SP_Q = 3 * L;
  /** Channel tile: 2 vectors (16 output channels) x 6 positions. */
  static final int CH_CO = 2 * L;
  static final int CH_P = 6;

  private VectorConvKernel() {}

  /**
   * Spatial tile: {@code out[j*24 + i] = sum_{t0<=t<t1} wp[wBase + 4t + j] * x[off[t] + q0 + i]} for j &lt; 4,
   * i &lt; 24, stored at {@code out[o + ...]} ({@code wp} packed {@code [t][4]} per block of 4 output channels).
   */
  static void spatial(float[] x, int[] off, int t0, int t1, float[] wp, int wBase, int q0, float[] out,
      int o) {
    FloatVector a00 = FloatVector.zero(F);
    FloatVector a01 = a00;
    FloatVector a02 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a12 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a22 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    FloatVector a32 = a00;
    int wi = wBase + 4 * t0;
    for (int t = t0; t < t1; t++, wi += 4) {
      int b = off[t] + q0;
      FloatVector x0 = FloatVector.fromArray(F, x, b);
      FloatVector x1 = FloatVector.fromArray(F, x, b + L);
      FloatVector x2 = FloatVector.fromArray(F, x, b + 2 * L);
      FloatVector w = FloatVector.broadcast(F, wp[wi]);
      a00 = x0.fma(w, a00);
      a01 = x1.fma(w, a01);
      a02 = x2.fma(w, a02);
      w = FloatVector.broadcast(F, wp[wi + 1]);
      a10 = x0.fma(w, a10);
      a11 = x1.fma(w, a11);
      a12 = x2.fma(w, a12);
      w = FloatVector.broadcast(F, wp[wi + 2]);
      a20 = x0.fma(w, a20);
      a21 = x1.fma(w, a21);
      a22 = x2.fma(w, a22);
      w = FloatVector.broadcast(F, wp[wi + 3]);
      a30 = x0.fma(w, a30);
      a31 = x1.fma(w, a31);
      a32 = x2.fma(w, a32);
    }
    a00.intoArray(out, o);
    a01.intoArray(out, o + L);
    a02.intoArray(out, o + 2 * L);
    a10.intoArray(out, o + 3 * L);
    a11.intoArray(out, o + 4 * L);
    a12.intoArray(out, o + 5 * L);
    a20.intoArray(out, o + 6 * L);
    a21.intoArray(out, o + 7 * L);
    a22.intoArray(out, o + 8 * L);
    a30.intoArray(out, o + 9 * L);
    a31.intoArray(out, o + 10 * L);
    a32.intoArray(out, o + 11 * L);
  }

  /**
   * Float spatial tile for the float32 stem: as {@link #spatial} but each lane starts from {@code bias[c]} and adds
   * one rounded product at a time ({@code acc + w*x}: a multiply, then an add, never fused) in tap order, which is
   * bit for bit the scalar loop {@code a += w * x} over (input channel, ky, kx).
   */
  static void spatialFloat(float[] x, int[] off, int taps, float[] wp, int wBase, int q0, float b0, float b1,
      float b2, float b3, float[] out) {
    FloatVector a00 = FloatVector.broadcast(F, b0);
    FloatVector a01 = a00;
    FloatVector a02 = a00;
    FloatVector a10 = FloatVector.broadcast(F, b1);
    FloatVector a11 = a10;
    FloatVector a12 = a10;
    FloatVector a20 = FloatVector.broadcast(F, b2);
    FloatVector a21 = a20;
    FloatVector a22 = a20;
    FloatVector a30 = FloatVector.broadcast(F, b3);
    FloatVector a31 = a30;
    FloatVector a32 = a30;
    int wi = wBase;
    for (int t = 0; t < taps; t++, wi += 4) {
      int b = off[t] + q0;
      FloatVector x0 = FloatVector.fromArray(F, x, b);
      FloatVector x1 = FloatVector.fromArray(F, x, b + L);
      FloatVector x2 = FloatVector.fromArray(F, x, b + 2 * L);
      FloatVector w = FloatVector.broadcast(F, wp[wi]);
      a00 = a00.add(x0.mul(w));
      a01 = a01.add(x1.mul(w));
      a02 = a02.add(x2.mul(w));
      w = FloatVector.broadcast(F, wp[wi + 1]);
      a10 = a10.add(x0.mul(w));
      a11 = a11.add(x1.mul(w));
      a12 = a12.add(x2.mul(w));
      w = FloatVector.broadcast(F, wp[wi + 2]);
      a20 = a20.add(x0.mul(w));
      a21 = a21.add(x1.mul(w));
      a22 = a22.add(x2.mul(w));
      w = FloatVector.broadcast(F, wp[wi + 3]);
      a30 = a30.add(x0.mul(w));
      a31 = a31.add(x1.mul(w));
      a32 = a32.add(x2.mul(w));
    }
    a00.intoArray(out, 0);
    a01.intoArray(out, L);
    a02.intoArray(out, 2 * L);
    a10.intoArray(out, 3 * L);
    a11.intoArray(out, 4 * L);
    a12.intoArray(out, 5 * L);
    a20.intoArray(out, 6 * L);
    a21.intoArray(out, 7 * L);
    a22.intoArray(out, 8 * L);
    a30.intoArray(out, 9 * L);
    a31.intoArray(out, 10 * L);
    a32.intoArray(out, 11 * L);
  }

  /**
   * Channel tile: {@code out[p*16 + c] = sum_{t0<=t<t1} wc[wBase + 16t + c] * xp[6t + p]} for p &lt; 6, c &lt; 16, stored at
   * {@code out[o + ...]} ({@code wc} packed {@code [t][16]} per block of 16 output channels; {@code xp} the tile's 6 positions packed
   * {@code [t][6]}).
   */
  static void channel(float[] xp, int t0, int t1, float[] wc, int wBase, float[] out, int o) {
    FloatVector a00 = FloatVector.zero(F);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    FloatVector a20 = a00;
    FloatVector a21 = a00;
    FloatVector a30 = a00;
    FloatVector a31 = a00;
    FloatVector a40 = a00;
    FloatVector a41 = a00;
    FloatVector a50 = a00;
    FloatVector a51 = a00;
    int wi = wBase + CH_CO * t0;
    for (int t = t0, b = CH_P * t0; t < t1; t++, wi += CH_CO, b += CH_P) {
      FloatVector w0 = FloatVector.fromArray(F, wc, wi);
      FloatVector w1 = FloatVector.fromArray(F, wc, wi + L);
      FloatVector v = FloatVector.broadcast(F, xp[b]);
      a00 = w0.fma(v, a00);
      a01 = w1.fma(v, a01);
      v = FloatVector.broadcast(F, xp[b + 1]);
      a10 = w0.fma(v, a10);
      a11 = w1.fma(v, a11);
      v = FloatVector.broadcast(F, xp[b + 2]);
      a20 = w0.fma(v, a20);
      a21 = w1.fma(v, a21);
      v = FloatVector.broadcast(F, xp[b + 3]);
      a30 = w0.fma(v, a30);
      a31 = w1.fma(v, a31);
      v = FloatVector.broadcast(F, xp[b + 4]);
      a40 = w0.fma(v, a40);
      a41 = w1.fma(v, a41);
      v = FloatVector.broadcast(F, xp[b + 5]);
      a50 = w0.fma(v, a50);
      a51 = w1.fma(v, a51);
    }
    a00.intoArray(out, o);
    a01.intoArray(out, o + L);
    a10.intoArray(out, o + 2 * L);
    a11.intoArray(out, o + 3 * L);
    a20.intoArray(out, o + 4 * L);
    a21.intoArray(out, o + 5 * L);
    a30.intoArray(out, o + 6 * L);
    a31.intoArray(out, o + 7 * L);
    a40.intoArray(out, o + 8 * L);
    a41.intoArray(out, o + 9 * L);
    a50.intoArray(out, o + 10 * L);
    a51.intoArray(out, o + 11 * L);
  }
}
