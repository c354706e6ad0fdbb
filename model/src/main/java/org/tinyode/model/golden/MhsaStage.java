package org.tinyode.model.golden;

import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.quant.IntSoftmax;
import org.tinyode.model.spec.FeatureShape;

/**
 * BoTNet MHSA (docs/fixed-point.md section 6). Positions are row-major ({@code i = y*W + x}); head {@code h} owns
 * channels {@code h*d .. h*d+d-1}. The logits are computed as
 * {@code sum_d q*k + sum_d q*R_h[dy] + sum_d q*R_w[dx]}, which is the same integer as {@code sum_d q*(k + r)}.
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
  private final int[] relH;
  private final int[] relW;
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
    this.relH = widen(relH);
    this.relW = widen(relW);
    this.fLogit = fq + fk;
    this.attnShift = 8 + fv - fo;
    this.resXShift = fx - fy;
    this.resPShift = fp - fy;
  }

  private static int[] widen(byte[] b) {
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i];
    }
    return out;
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
    int[] rel = s.ints(Scratch.INT_REL, n * (rh + rw));
    for (int h = 0; h < heads; h++) {
      int ch0 = h * d;
      // relative terms: rel[i][a] = sum_d q[i][d] * R_h[h][a][d], then R_w after the rh columns
      for (int i = 0; i < n; i++) {
        for (int a = 0; a < rh + rw; a++) {
          int[] r = a < rh ? relH : relW;
          int base = a < rh ? (h * rh + a) * d : (h * rw + a - rh) * d;
          int sum = 0;
          for (int dd = 0; dd < d; dd++) {
            sum += (int) qf[(ch0 + dd) * n + i] * r[base + dd];
          }
          rel[i * (rh + rw) + a] = sum;
        }
      }
      for (int i = 0; i < n; i++) {
        int yi = i / ww;
        int xi = i % ww;
        int lbase = (h * n + i) * n;
        for (int j = 0; j < n; j++) {
          int sum = 0;
          for (int dd = 0; dd < d; dd++) {
            sum += (int) qf[(ch0 + dd) * n + i] * (int) kf[(ch0 + dd) * n + j];
          }
          int yj = j / ww;
          int xj = j % ww;
          logits[lbase + j] = sum + rel[i * (rh + rw) + (yj - yi + hh - 1)]
              + rel[i * (rh + rw) + rh + (xj - xi + ww - 1)];
        }
        IntSoftmax.row(logits, lbase, n, fLogit, probs, lbase, row);
      }
      for (int dd = 0; dd < d; dd++) {
        int ch = ch0 + dd;
        for (int i = 0; i < n; i++) {
          int pbase = (h * n + i) * n;
          long sum = 0;
          for (int j = 0; j < n; j++) {
            sum += (long) probs[pbase + j] * (int) vf[ch * n + j];
          }
          attn[ch * n + i] = FixedPoint.sat8(FixedPoint.rshift(sum, attnShift));
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
