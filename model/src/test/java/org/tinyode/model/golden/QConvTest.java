package org.tinyode.model.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QConvTest {
  static final byte[] CROSS = {0, 1, 0, 1, 2, 1, 0, 1, 0};
  static final float[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  private static float[] run(QConv c, float[] in) {
    float[] out = new float[c.outSize()];
    c.run(in, out, new Scratch());
    return out;
  }

  @Test
  void handComputedCrossWithRequantization() {
    // fIn 2 + fw 3 - fOut 1 = shift 4; bias 10
    for (boolean channelMode : new boolean[] {false, true}) {
      QConv c = new QConv("t", CROSS, new byte[] {3}, new int[] {10}, 1, ConvGeometry.of(1, 3, 3, 3, 1, 1), 2, 1,
          true, channelMode);
      float[] y = run(c, X);
      // centre: 2+4+2*5+6+8 = 30, +10 = 40, 40/16 = 2.5 -> 3; corner: 2*1+2+4 = 8, +10 = 18 -> 1.125 -> 1
      // top middle: 2*2+1+3+5 = 13, +10 = 23 -> 1.44 -> 1
      assertEquals(3f, y[4]);
      assertEquals(1f, y[0]);
      assertEquals(1f, y[1]);
    }
  }

  @Test
  void negativeValuesRoundHalfUpAndReluClamps() {
    byte[] neg = new byte[9];
    for (int i = 0; i < 9; i++) {
      neg[i] = (byte) -CROSS[i];
    }
    ConvGeometry g = ConvGeometry.of(1, 3, 3, 3, 1, 1);
    QConv noRelu = new QConv("t", neg, new byte[] {3}, new int[] {-10}, 1, g, 2, 1, false);
    assertEquals(-2f, run(noRelu, X)[4]); // -40/16 = -2.5 -> -2
    QConv relu = new QConv("t", neg, new byte[] {3}, new int[] {-10}, 1, g, 2, 1, true);
    assertEquals(0f, run(relu, X)[4]);
    QConv sat = new QConv("t", CROSS, new byte[] {0}, new int[] {1 << 20}, 1, g, 0, 0, false);
    assertEquals(127f, run(sat, X)[4]);
    QConv satNeg = new QConv("t", neg, new byte[] {0}, new int[] {-(1 << 20)}, 1, g, 0, 0, false);
    assertEquals(-128f, run(satNeg, X)[4]);
  }

  @Test
  void bothModesMatchTheNaiveLoopsOnOddShapes() {
    SplittableRandom r = new SplittableRandom(5);
    int[][] cases = {{5, 6, 7, 5, 3, 1, 1}, {5, 6, 7, 5, 3, 2, 1}, {8, 12, 6, 6, 1, 1, 0}, {3, 4, 9, 9, 7, 2, 3},
        {130, 8, 4, 4, 3, 1, 1}};
    for (int[] c : cases) {
      int cin = c[0];
      int cout = c[1];
      int h = c[2];
      int w = c[3];
      int k = c[4];
      int stride = c[5];
      int pad = c[6];
      byte[] wq = new byte[cout * cin * k * k];
      for (int i = 0; i < wq.length; i++) {
        wq[i] = (byte) (r.nextInt(255) - 127);
      }
      byte[] fw = new byte[cout];
      int[] bias = new int[cout];
      for (int i = 0; i < cout; i++) {
        fw[i] = (byte) r.nextInt(8);
        bias[i] = r.nextInt(20001) - 10000;
      }
      float[] x = new float[cin * h * w];
      int[] xi = new int[x.length];
      for (int i = 0; i < x.length; i++) {
        xi[i] = r.nextInt(256) - 128;
        x[i] = xi[i];
      }
      int[] want = NaiveReference.conv(xi, cin, h, w, wq, fw, bias, cout, k, stride, pad, 3, 5, true);
      for (boolean mode : new boolean[] {false, true}) {
        QConv q = new QConv("t", wq, fw, bias, cout, ConvGeometry.of(cin, h, w, k, stride, pad), 3, 5, true, mode);
        float[] got = run(q, x);
        int[] gi = new int[got.length];
        for (int i = 0; i < got.length; i++) {
          gi[i] = (int) got[i];
        }
        assertArrayEquals(want, gi, "case " + java.util.Arrays.toString(c) + " channelMode " + mode);
      }
    }
  }
}
