package org.tinyode.model.golden;

import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.quant.IntSoftmax;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.spec.TransitionSpec;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsFile;

/**
 * A literal, slow transcription of docs/fixed-point.md sections 4-6 with int/long arithmetic and direct loops
 * (no phase planes, no float tricks), used to check the fast golden model bit for bit.
 */
final class NaiveReference {
  private NaiveReference() {}

  static int[] conv(int[] x, int cin, int h, int w, byte[] wq, byte[] fw, int[] bias, int cout, int k, int stride,
      int pad, int fIn, int fOut, boolean relu) {
    int ho = FeatureShape.convOut(h, k, stride, pad);
    int wo = FeatureShape.convOut(w, k, stride, pad);
    int[] out = new int[cout * ho * wo];
    for (int co = 0; co < cout; co++) {
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++) {
          long acc = bias[co];
          for (int ci = 0; ci < cin; ci++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * stride - pad + ky;
                int ix = ox * stride - pad + kx;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                  acc += (long) x[(ci * h + iy) * w + ix] * wq[((co * cin + ci) * k + ky) * k + kx];
                }
              }
            }
          }
          acc = FixedPoint.sat32(acc);
          if (relu) {
            acc = Math.max(acc, 0);
          }
          out[(co * ho + oy) * wo + ox] = FixedPoint.sat8(FixedPoint.rshift(acc, fIn + fw[co] - fOut));
        }
      }
    }
    return out;
  }

  static int[] conv(WeightsFile q, String layer, int[] x, int cin, int h, int w, int k, int stride, int pad,
      int fIn, int fOut, boolean relu) {
    byte[] wq = q.tensor(layer + ".weight_q").asBytes();
    int cout = q.tensor(layer + ".bias_q").shape()[0];
    return conv(x, cin, h, w, wq, q.tensor(layer + ".weight_frac").asBytes(), q.tensor(layer + ".bias_q").asInts(),
        cout, k, stride, pad, fIn, fOut, relu);
  }

  /** The FPGA part from int8 stem.out values. */
  static int[] fpga(WeightsFile q, int[] x) {
    ModelSpec spec = q.spec();
    for (int i = 0; i < spec.stages().size(); i++) {
      StageSpec s = spec.stages().get(i);
      FeatureShape in = spec.stageInput(i);
      int fIn = q.frac(WeightNames.inputEdge(spec, i));
      int h = in.height();
      int w = in.width();
      if (s instanceof OdeBlockSpec b) {
        String n = b.name();
        int c = b.channels();
        for (int t = 0; t < b.steps(); t++) {
          int[] a = conv(q, n + ".conv1", x, c, h, w, 3, 1, 1, fIn, q.frac(n + ".act"), true);
          int[] f = conv(q, n + ".conv2", a, c, h, w, 3, 1, 1, q.frac(n + ".act"), q.frac(n + ".f"), false);
          int[] z = new int[x.length];
          for (int j = 0; j < z.length; j++) {
            z[j] = FixedPoint.sat8(x[j] + FixedPoint.rshift(f[j], q.frac(n + ".f") + b.stepShift() - fIn));
          }
          x = z;
        }
      } else if (s instanceof TransitionSpec t) {
        x = conv(q, t.name() + ".conv", x, t.inChannels(), h, w, t.kernel(), t.stride(), t.kernel() / 2, fIn,
            q.frac(t.name() + ".out"), true);
      } else if (s instanceof MhsaSpec m) {
        x = mhsa(q, m, x, fIn);
      }
    }
    return x;
  }

  static int[] mhsa(WeightsFile q, MhsaSpec m, int[] x, int fx) {
    String n = m.name();
    int c = m.channels();
    int hh = m.height();
    int ww = m.width();
    int np = hh * ww;
    int d = m.headDim();
    int fq = q.frac(n + ".q");
    int fk = q.frac(n + ".k");
    int fv = q.frac(n + ".v");
    int fo = q.frac(n + ".attn");
    int fp = q.frac(n + ".proj");
    int fy = q.frac(n + ".out");
    int[] qq = conv(q, n + ".q", x, c, hh, ww, 1, 1, 0, fx, fq, false);
    int[] kk = conv(q, n + ".k", x, c, hh, ww, 1, 1, 0, fx, fk, false);
    int[] vv = conv(q, n + ".v", x, c, hh, ww, 1, 1, 0, fx, fv, false);
    byte[] rh = q.tensor(n + ".rel_h_q").asBytes();
    byte[] rw = q.tensor(n + ".rel_w_q").asBytes();
    int[] attn = new int[c * np];
    for (int h = 0; h < m.heads(); h++) {
      for (int i = 0; i < np; i++) {
        int[] logits = new int[np];
        for (int j = 0; j < np; j++) {
          int dy = j / ww - i / ww + hh - 1;
          int dx = j % ww - i % ww + ww - 1;
          long l = 0;
          for (int e = 0; e < d; e++) {
            int ch = h * d + e;
            int r = rh[(h * (2 * hh - 1) + dy) * d + e] + rw[(h * (2 * ww - 1) + dx) * d + e];
            l += (long) qq[ch * np + i] * (kk[ch * np + j] + r);
          }
          logits[j] = (int) l;
        }
        int[] p = IntSoftmax.row(logits, fq + fk);
        for (int e = 0; e < d; e++) {
          int ch = h * d + e;
          long o = 0;
          for (int j = 0; j < np; j++) {
            o += (long) p[j] * vv[ch * np + j];
          }
          attn[ch * np + i] = FixedPoint.sat8(FixedPoint.rshift(o, 8 + fv - fo));
        }
      }
    }
    int[] proj = conv(q, n + ".proj", attn, c, hh, ww, 1, 1, 0, fo, fp, false);
    int[] y = new int[c * np];
    for (int j = 0; j < y.length; j++) {
      y[j] = FixedPoint.sat8((long) FixedPoint.rshift(x[j], fx - fy) + FixedPoint.rshift(proj[j], fp - fy));
    }
    return y;
  }
}
