package org.tinyode.model.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class FoldingTest {
  @Test
  void foldsBatchNormPerChannel() {
    // 2 output channels, 2 weights each; var + eps = 4 for channel 0 (s = gamma/2), 1 for channel 1
    float[] w = {1f, -2f, 3f, 4f};
    Folding.Folded f = Folding.foldBn(w, new float[] {1f, 0f}, new float[] {2f, 0.5f}, new float[] {0.5f, -1f},
        new float[] {3f, 2f}, new float[] {4f, 1f}, 0.0);
    assertArrayEquals(new double[] {1, -2, 1.5, 2}, f.weight(), 1e-12);
    // b' = beta + (b - mean) * s: 0.5 + (1 - 3) * 1 = -1.5; -1 + (0 - 2) * 0.5 = -2
    assertArrayEquals(new double[] {-1.5, -2}, f.bias(), 1e-12);
  }

  @Test
  void scaledForQueries() {
    Folding.Folded f = Folding.scaled(new float[] {8f, -16f}, new float[] {4f}, 1, 1.0 / 8);
    assertArrayEquals(new double[] {1, -2}, f.weight(), 0);
    assertArrayEquals(new double[] {0.5}, f.bias(), 0);
  }
}
