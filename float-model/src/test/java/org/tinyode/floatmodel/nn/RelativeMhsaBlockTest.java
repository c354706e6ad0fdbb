package org.tinyode.floatmodel.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.model.spec.MhsaSpec;

/** The block against a direct loop transcription of the BoTNet formula on a 2x3 map, 2 heads of d = 2. */
class RelativeMhsaBlockTest {

  private static final int C = 4;
  private static final int HEADS = 2;
  private static final int D = 2;
  private static final int H = 2;
  private static final int W = 3;
  private static final int N = H * W;

  @Test
  void matchesADirectTranscriptionOfTheFormula() {
    Engine.getInstance().setRandomSeed(11);
    try (NDManager m = NDManager.newBaseManager()) {
      RelativeMhsaBlock b = RelativeMhsaBlock.of(new MhsaSpec("mhsa", C, HEADS, D, H, W, "fpga"), "trans2.out",
          new QuantContext());
      b.initialize(m, DataType.FLOAT32, new Shape(1, C, H, W));
      Map<String, float[]> p = new java.util.HashMap<>();
      b.stateDict().forEach((k, v) -> p.put(k, v.getArray().toFloatArray()));
      assertEquals(java.util.Set.of("mhsa.q.weight", "mhsa.q.bias", "mhsa.k.weight", "mhsa.k.bias", "mhsa.v.weight",
          "mhsa.v.bias", "mhsa.proj.weight", "mhsa.proj.bias", "mhsa.rel_h", "mhsa.rel_w"), p.keySet());
      // non-zero biases so they are exercised
      for (String n : new String[] {"q", "k", "v", "proj"}) {
        float[] bias = {0.1f, -0.2f, 0.3f, -0.4f};
        b.stateDict().get("mhsa." + n + ".bias").getArray().set(bias);
        p.put("mhsa." + n + ".bias", bias);
      }
      float[] x = m.randomNormal(new Shape(1, C, H, W)).toFloatArray();
      float[] got = b.run(new ParameterStore(m, false), m.create(x, new Shape(1, C, H, W)), false).toFloatArray();
      assertArrayEquals(reference(x, p), got, 1e-4f);
    }
  }

  /** y = x + proj(concat_h softmax_j(q_i.k_j + q_i.(Rh[yj-yi+H-1] + Rw[xj-xi+W-1])) v_j), q scaled 1/sqrt(d). */
  static float[] reference(float[] x, Map<String, float[]> p) {
    double[][] q = conv1x1(x, p.get("mhsa.q.weight"), p.get("mhsa.q.bias"));
    double[][] k = conv1x1(x, p.get("mhsa.k.weight"), p.get("mhsa.k.bias"));
    double[][] v = conv1x1(x, p.get("mhsa.v.weight"), p.get("mhsa.v.bias"));
    float[] rh = p.get("mhsa.rel_h");
    float[] rw = p.get("mhsa.rel_w");
    double[] o = new double[C * N];
    for (int h = 0; h < HEADS; h++) {
      for (int i = 0; i < N; i++) {
        double[] logit = new double[N];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < N; j++) {
          int ry = j / W - i / W + H - 1;
          int rx = j % W - i % W + W - 1;
          double s = 0;
          for (int d = 0; d < D; d++) {
            double qi = q[h * D + d][i] / Math.sqrt(D);
            double r = rh[(h * (2 * H - 1) + ry) * D + d] + rw[(h * (2 * W - 1) + rx) * D + d];
            s += qi * (k[h * D + d][j] + r);
          }
          logit[j] = s;
          max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < N; j++) {
          logit[j] = Math.exp(logit[j] - max);
          sum += logit[j];
        }
        for (int d = 0; d < D; d++) {
          double acc = 0;
          for (int j = 0; j < N; j++) {
            acc += logit[j] / sum * v[h * D + d][j];
          }
          o[(h * D + d) * N + i] = acc;
        }
      }
    }
    float[] of = new float[o.length];
    for (int i = 0; i < o.length; i++) {
      of[i] = (float) o[i];
    }
    double[][] pr = conv1x1(of, p.get("mhsa.proj.weight"), p.get("mhsa.proj.bias"));
    float[] y = new float[C * N];
    for (int c = 0; c < C; c++) {
      for (int i = 0; i < N; i++) {
        y[c * N + i] = (float) (x[c * N + i] + pr[c][i]);
      }
    }
    return y;
  }

  private static double[][] conv1x1(float[] x, float[] w, float[] b) {
    double[][] out = new double[C][N];
    for (int co = 0; co < C; co++) {
      for (int i = 0; i < N; i++) {
        double s = b[co];
        for (int ci = 0; ci < C; ci++) {
          s += w[co * C + ci] * x[ci * N + i];
        }
        out[co][i] = s;
      }
    }
    return out;
  }
}
