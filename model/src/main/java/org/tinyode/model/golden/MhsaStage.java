package org.tinyode.model.golden;

import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.quant.IntSoftmax;
import org.tinyode.model.spec.FeatureShape;

/**
 * BoTNet MHSA (docs/fixed-point.md section 6). Positions are row-major ({@code i = y*W + x}); head {@code h} owns
 * channels {@code h*d .. h*d+d-1}. The logits are computed as
 * {@code sum_d q*k + sum_d q*R_h[dy] + sum_d q*R_w[dx]}, which is the same integer as {@code sum_d q*(k + r)};
 * the sums over d and over keys are exact float sums of int8-valued products (see the bound in {@link #run}), in
 * loops over contiguous rows that C2 auto-vectorises.
 * Taps: {@code <name>.q/.k/.v} {@code [C][H][W]}, {@code <name>.logits} (int32) and {@code <name>.probs} (0..255)
 * {@code [heads][N][N]}, {@code <name>.attn}, {@code <name>.proj}, {@code <name>.out} {@code [C][H][W]}.
 */
final class MhsaStage implements GoldenStage {
  private final String name;
  private final FeatureShape shape;
  private final int heads;
  private final int d;
  private final QConv q;
  private final QConv k;
  private final QConv v;
  private final QConv proj;
  /** Relative embeddings per head transposed to {@code [heads][d][2H-1 + 2W-1]} (R_h columns, then R_w). */
  private final float[] relT;
  private final int fLogit;
  private final int attnShift;
  private final int resXShift;
  private final int resPShift;

  MhsaStage(String name, FeatureShape shape, int heads, int headDim, QConv q, QConv k, QConv v, QConv proj,
      byte[] relH, byte[] relW, int fx, int fq, int fk, int fv, int fo, int fp, int fy) {
    this.name = name;
    this.shape = shape;
    this.heads = heads;
    this.d = headDim;
    this.q = q;
    this.k = k;
    this.v = v;
    this.proj = proj;
    if (headDim > 1024) {
      throw new IllegalArgumentException(name + ": head dimension " + headDim
          + " > 1024 would break the exact float sums of the golden model");
    }
    int rh = 2 * shape.height() - 1;
    int rw = 2 * shape.width() - 1;
    this.relT = new float[heads * headDim * (rh + rw)];
    for (int h = 0; h < heads; h++) {
      for (int dd = 0; dd < headDim; dd++) {
        int base = (h * headDim + dd) * (rh + rw);
        for (int a = 0; a < rh; a++) {
          relT[base + a] = relH[(h * rh + a) * headDim + dd];
        }
        for (int a = 0; a < rw; a++) {
          relT[base + rh + a] = relW[(h * rw + a) * headDim + dd];
        }
      }
    }
    this.fLogit = fq + fk;
    this.attnShift = 8 + fv - fo;
    this.resXShift = fx - fy;
    this.resPShift = fp - fy;
  }

  @Override
  public FeatureShape inShape() {
    return shape;
  }

  @Override
  public FeatureShape outShape() {
    return shape;
  }

  @Override
  public void run(float[] x, float[] y, Scratch s, TapSink taps) {
    int c = shape.channels();
    int hh = shape.height();
    int ww = shape.width();
    int n = hh * ww;
    int size = c * n;
    float[] qf = s.floats(Scratch.MHSA_Q, size);
    float[] kf = s.floats(Scratch.MHSA_K, size);
    float[] vf = s.floats(Scratch.MHSA_V, size);
    float[] attn = s.floats(Scratch.MHSA_ATTN, size);
    float[] pr = s.floats(Scratch.MHSA_PROJ, size);
    q.run(x, qf, s);
    k.run(x, kf, s);
    v.run(x, vf, s);
    int[] logits = s.ints(Scratch.INT_LOGITS, heads * n * n);
    int[] probs = s.ints(Scratch.INT_PROBS, heads * n * n);
    int[] row = s.ints(Scratch.INT_ROW, n);
    int rh = 2 * hh - 1;
    int rw = 2 * ww - 1;
    int nr = rh + rw;
    // Float sums of integer products are exact here: q*k, q*R_h, q*R_w are each < 2^14 in magnitude and at most
    // d <= 1024 of them are summed (< 2^24); for p*v every partial sum is at most 128 * sum_j p_j <= 128 * (256 +
    // n/2) (p_j <= e_j*R/2^23 + 1/2 and sum_j e_j*R <= 2^31), far below 2^24.
    float[] acc = s.floats(Scratch.MHSA_ACC, Math.max(n, nr));
    float[] racc = s.floats(Scratch.MHSA_REL, nr);
    float[] pT = s.floats(Scratch.MHSA_PT, n * n);
    float[] o = s.floats(Scratch.MHSA_O, n);
    for (int h = 0; h < heads; h++) {
      int ch0 = h * d;
      for (int i = 0; i < n; i++) {
        int yi = i / ww;
        int xi = i % ww;
        java.util.Arrays.fill(acc, 0, n, 0f);
        java.util.Arrays.fill(racc, 0, nr, 0f);
        for (int dd = 0; dd < d; dd++) {
          int cb = (ch0 + dd) * n;
          float qv = qf[cb + i];
          for (int j = 0; j < n; j++) {
            acc[j] += qv * kf[cb + j];
          }
          int rb = (h * d + dd) * nr;
          for (int a = 0; a < nr; a++) {
            racc[a] += qv * relT[rb + a];
          }
        }
        int lbase = (h * n + i) * n;
        for (int j = 0; j < n; j++) {
          int yj = j / ww;
          int xj = j % ww;
          logits[lbase + j] = (int) acc[j] + (int) racc[yj - yi + hh - 1] + (int) racc[rh + xj - xi + ww - 1];
        }
        IntSoftmax.row(logits, lbase, n, fLogit, probs, lbase, row);
        for (int j = 0; j < n; j++) {
          pT[j * n + i] = probs[lbase + j];
        }
      }
      for (int dd = 0; dd < d; dd++) {
        int ch = ch0 + dd;
        java.util.Arrays.fill(o, 0, n, 0f);
        for (int j = 0; j < n; j++) {
          float vv = vf[ch * n + j];
          int pb = j * n;
          for (int i = 0; i < n; i++) {
            o[i] += vv * pT[pb + i];
          }
        }
        for (int i = 0; i < n; i++) {
          attn[ch * n + i] = FixedPoint.sat8(FixedPoint.rshift((long) (int) o[i], attnShift));
        }
      }
    }
    proj.run(attn, pr, s);
    for (int i = 0; i < size; i++) {
      y[i] = FixedPoint.sat8((long) FixedPoint.rshift((long) x[i], resXShift)
          + FixedPoint.rshift((long) pr[i], resPShift));
    }
    if (taps != null) {
      int[] dims = {c, hh, ww};
      int[] att = {heads, n, n};
      TapSink.emit(taps, name + ".q", qf, dims);
      TapSink.emit(taps, name + ".k", kf, dims);
      TapSink.emit(taps, name + ".v", vf, dims);
      TapSink.emit(taps, name + ".logits", logits, att);
      TapSink.emit(taps, name + ".probs", probs, att);
      TapSink.emit(taps, name + ".attn", attn, dims);
      TapSink.emit(taps, name + ".proj", pr, dims);
      TapSink.emit(taps, name + ".out", y, dims);
    }
  }
}
