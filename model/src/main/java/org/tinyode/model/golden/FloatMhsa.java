package org.tinyode.model.golden;

import org.tinyode.model.spec.MhsaSpec;

/** Float MHSA of {@link FloatReference}: q (pre-scaled by 1/sqrt(d)) · (k + R_h[dy] + R_w[dx]), softmax, · V, proj,
 * residual. */
final class FloatMhsa {
  private FloatMhsa() {}

  static void run(MhsaSpec m, Object[] st, float[] x, float[] y, Scratch s, EdgeObserver obs) {
    int c = m.channels();
    int hh = m.height();
    int ww = m.width();
    int n = hh * ww;
    int d = m.headDim();
    int size = c * n;
    float[] q = s.floats(Scratch.MHSA_Q, size);
    float[] k = s.floats(Scratch.MHSA_K, size);
    float[] v = s.floats(Scratch.MHSA_V, size);
    float[] attn = s.floats(Scratch.MHSA_ATTN, size);
    float[] proj = s.floats(Scratch.MHSA_PROJ, size);
    ((FloatConv) st[2]).run(x, q, s);
    ((FloatConv) st[3]).run(x, k, s);
    ((FloatConv) st[4]).run(x, v, s);
    float[] rh = (float[]) st[6];
    float[] rw = (float[]) st[7];
    double[] l = new double[n];
    for (int h = 0; h < m.heads(); h++) {
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          int dy = j / ww - i / ww + hh - 1;
          int dx = j % ww - i % ww + ww - 1;
          double sum = 0;
          for (int e = 0; e < d; e++) {
            int ch = h * d + e;
            double r = rh[(h * (2 * hh - 1) + dy) * d + e] + rw[(h * (2 * ww - 1) + dx) * d + e];
            sum += q[ch * n + i] * (k[ch * n + j] + r);
          }
          l[j] = sum;
          max = Math.max(max, sum);
        }
        double z = 0;
        for (int j = 0; j < n; j++) {
          l[j] = Math.exp(l[j] - max);
          z += l[j];
        }
        for (int e = 0; e < d; e++) {
          int ch = h * d + e;
          double o = 0;
          for (int j = 0; j < n; j++) {
            o += l[j] / z * v[ch * n + j];
          }
          attn[ch * n + i] = (float) o;
        }
      }
    }
    ((FloatConv) st[5]).run(attn, proj, s);
    for (int i = 0; i < size; i++) {
      y[i] = x[i] + proj[i];
    }
    if (obs != null) {
      obs.observe(m.name() + ".q", q, size);
      obs.observe(m.name() + ".k", k, size);
      obs.observe(m.name() + ".v", v, size);
      obs.observe(m.name() + ".attn", attn, size);
      obs.observe(m.name() + ".proj", proj, size);
      obs.observe(m.name() + ".out", y, size);
    }
  }
}
