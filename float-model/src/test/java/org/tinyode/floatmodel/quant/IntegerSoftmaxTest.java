package org.tinyode.floatmodel.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyode.model.quant.IntSoftmax;

/** The tensor softmax against the model module's scalar reference, row by row, bit for bit. */
class IntegerSoftmaxTest {

  @Test
  void equalsTheModelModulesIntegerSoftmax() {
    Random r = new Random(1);
    int rows = 64;
    int n = 16;
    try (NDManager m = NDManager.newBaseManager()) {
      for (int fl : new int[] {0, 3, 8, 11, 14}) {
        int[] logits = new int[rows * n];
        for (int i = 0; i < logits.length; i++) {
          logits[i] = r.nextInt(1 << 16) - (1 << 15);
        }
        // a few ties and a very peaked row
        logits[3] = logits[4];
        logits[n] = 1 << 20;
        double[] asDouble = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
          asDouble[i] = logits[i];
        }
        double[] got = IntegerSoftmax.apply(m.create(asDouble, new Shape(rows, n)), fl).toDoubleArray();
        double[] want = new double[logits.length];
        for (int row = 0; row < rows; row++) {
          int[] p = new int[n];
          IntSoftmax.row(logits, row * n, n, fl, p, 0, null);
          for (int j = 0; j < n; j++) {
            want[row * n + j] = p[j];
          }
        }
        assertArrayEquals(want, got, 0.0, "fl = " + fl);
      }
    }
  }
}
