package org.tinyode.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorDataTest {
  @Test
  void accessorsAndChecks() {
    TensorData t = TensorData.ofFloats("w", new int[] {2, 1}, new float[] {1f, 2f});
    assertEquals(2, t.elementCount());
    assertEquals(8, t.byteSize());
    assertArrayEquals(new double[] {1, 2}, t.asDoubles());
    assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40}, t.rawBytes());
    assertThrows(WeightsException.class, t::asInts);
    assertThrows(IllegalArgumentException.class, () -> TensorData.ofFloats("w", new int[] {3}, new float[2]));
    int[] shape = {2};
    TensorData b = TensorData.ofBytes("b", shape, new byte[] {-1, 1});
    shape[0] = 5;
    assertArrayEquals(new int[] {2}, b.shape(), "shape copied");
  }
}
