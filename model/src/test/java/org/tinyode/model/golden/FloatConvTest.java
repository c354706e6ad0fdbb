package org.tinyode.model.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float conv (software stem, float reference): the Vector API tile must give the same float32 bits as the
 * plain loop (bias first, then one rounded product and one rounded add per tap in (input channel, ky, kx) order),
 * and the plain loop must equal a direct scalar transcription of that order.
 */
class FloatConvTest {
  private static float[] direct(float[] x, int cin, int h, int w, float[] wt, float[] bias, int cout, int k,
      int stride, int pad, boolean relu) {
    ConvGeometry g = ConvGeometry.of(cin, h, w, k, stride, pad);
    float[] out = new float[cout * g.ho() * g.wo()];
    for (int co = 0; co < cout; co++) {
      for (int oy = 0; oy < g.ho(); oy++) {
        for (int ox = 0; ox < g.wo(); ox++) {
          float acc = bias[co];
          for (int ci = 0; ci < cin; ci++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * stride - pad + ky;
                int ix = ox * stride - pad + kx;
                float v = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[(ci * h + iy) * w + ix] : 0f;
                float prod = wt[((co * cin + ci) * k + ky) * k + kx] * v;
                acc = acc + prod;
              }
            }
          }
          out[(co * g.ho() + oy) * g.wo() + ox] = relu && acc < 0f ? 0f : acc;
        }
      }
    }
    return out;
  }

  private static int[] bits(float[] a) {
    int[] b = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Float.floatToRawIntBits(a[i]);
    }
    return b;
  }

  @Test
  void vectorAndPlainKernelsGiveTheSameFloatBits() {
    assumeTrue(VectorSupport.available(), "jdk.incubator.vector not loaded (run with --add-modules)");
    SplittableRandom r = new SplittableRandom(3);
    int[][] shapes = {{3, 64, 32, 32, 3, 1, 1}, {3, 64, 96, 96, 7, 2, 3}, {5, 7, 9, 11, 3, 2, 1}, {2, 3, 4, 4, 1, 1, 0},
        {16, 6, 13, 7, 5, 1, 2}};
    for (int[] s : shapes) {
      int cin = s[0];
      int cout = s[1];
      int h = s[2];
      int w = s[3];
      int k = s[4];
      float[] wt = new float[cout * cin * k * k];
      for (int i = 0; i < wt.length; i++) {
        wt[i] = (float) (r.nextGaussian() * 0.3);
      }
      float[] bias = new float[cout];
      for (int i = 0; i < cout; i++) {
        bias[i] = (float) r.nextGaussian();
      }
      float[] x = new float[cin * h * w];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextGaussian() * 2);
      }
      ConvGeometry g = ConvGeometry.of(cin, h, w, k, s[5], s[6]);
      for (boolean relu : new boolean[] {false, true}) {
        float[] want = direct(x, cin, h, w, wt, bias, cout, k, s[5], s[6], relu);
        for (boolean vector : new boolean[] {false, true}) {
          float[] got = new float[want.length];
          new FloatConv(g, wt, bias, cout, relu, vector).run(x, got, new Scratch());
          assertArrayEquals(bits(want), bits(got), Arrays.toString(s) + " relu " + relu + " vector " + vector);
        }
      }
    }
  }
}
