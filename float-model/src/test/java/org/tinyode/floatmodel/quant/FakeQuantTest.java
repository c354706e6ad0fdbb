package org.tinyode.floatmodel.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyode.model.quant.FixedPoint;

class FakeQuantTest {

  @Test
  void roundHalfUpRoundsHalvesUpAndPassesGradientsStraightThrough() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {-2.5f, -1.5f, -0.5f, 0.49f, 0.5f, 1.5f, 2.7f});
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = FakeQuant.roundHalfUp(x);
        assertArrayEquals(new float[] {-2, -1, 0, 0, 1, 2, 3}, y.toFloatArray());
        gc.backward(y.sum());
      }
      assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1}, x.getGradient().toFloatArray());
    }
  }

  @Test
  void quantize8SaturatesLikeSat8() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] v = {-9f, -8.03f, 0.03125f, 0.0312f, 7.96875f, 7.99f, 100f};
      float[] got = FakeQuant.quantize8(m.create(v), 4).toFloatArray();
      float[] want = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        want[i] = FixedPoint.quantize(v[i], 4);
      }
      assertArrayEquals(want, got);
    }
  }

  /** A 3x3 conv layer (2 -> 3 channels, stride 2, ReLU) against direct integer loops with FixedPoint. */
  @Test
  void convEqualsTheIntegerReference() {
    Random r = new Random(9);
    int cin = 2;
    int cout = 3;
    int h = 5;
    int w = 5;
    int[] x = new int[cin * h * w];
    int[] wq = new int[cout * cin * 9];
    int[] bq = new int[cout];
    int[] fw = {6, 7, 5};
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(256) - 128;
    }
    for (int i = 0; i < wq.length; i++) {
      wq[i] = r.nextInt(255) - 127;
    }
    for (int i = 0; i < cout; i++) {
      bq[i] = r.nextInt(20001) - 10000;
    }
    int fIn = 4;
    int fOut = 3;
    int ho = 3;
    int wo = 3;
    float[] want = new float[cout * ho * wo];
    for (int co = 0; co < cout; co++) {
      for (int oy = 0; oy < ho; oy++) {
        for (int ox = 0; ox < wo; ox++) {
          long acc = bq[co];
          for (int ci = 0; ci < cin; ci++) {
            for (int ky = 0; ky < 3; ky++) {
              for (int kx = 0; kx < 3; kx++) {
                int iy = oy * 2 + ky - 1;
                int ix = ox * 2 + kx - 1;
                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                  acc += (long) x[(ci * h + iy) * w + ix] * wq[((co * cin + ci) * 3 + ky) * 3 + kx];
                }
              }
            }
          }
          int a = FixedPoint.sat32(acc);
          a = Math.max(a, 0);
          want[(co * ho + oy) * wo + ox] = FixedPoint.sat8(FixedPoint.rshift(a, fIn + fw[co] - fOut));
        }
      }
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray y = FakeQuant.conv(m.create(toFloat(x), new Shape(1, cin, h, w)), fIn,
          m.create(toFloat(wq), new Shape(cout, cin, 3, 3)), fw, m.create(toFloat(bq)), 2, 1, true, fOut);
      assertArrayEquals(want, y.toFloatArray());
    }
  }

  private static float[] toFloat(int[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i];
    }
    return f;
  }
}
