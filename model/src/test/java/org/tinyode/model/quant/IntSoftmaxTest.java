package org.tinyode.model.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntSoftmaxTest {
  @Test
  void lookupTable() {
    int[] lut = IntSoftmax.exp2Lut();
    assertEquals(32768, lut[0]);
    assertEquals(23170, lut[128]); // 2^15 / sqrt(2) = 23170.48
    assertEquals(16428, lut[255]); // 2^15 * 2^(-255/256) = 16428.4
    for (int t = 0; t < 256; t++) {
      double x = 32768.0 * Math.pow(2.0, -t / 256.0);
      // no entry sits near a .5 tie, so any correctly rounding pow() builds the same table
      assertTrue(Math.abs(x - Math.floor(x) - 0.5) > 1e-6, "entry " + t);
    }
  }

  @Test
  void allEqualLogitsShareEvenly() {
    // 4 equal: e = 32768 each, S = 131072, R = 2^31 / 2^17 = 16384, p = (2^29 + 2^22) >> 23 = 64
    assertArrayEquals(new int[] {64, 64, 64, 64}, IntSoftmax.row(new int[] {5, 5, 5, 5}, 3));
    // 3 equal: S = 98304, R = floor(2^31/98304) = 21845, p = (32768*21845 + 2^22) >> 23 = 85
    assertArrayEquals(new int[] {85, 85, 85}, IntSoftmax.row(new int[] {-7, -7, -7}, 0));
  }

  @Test
  void singleWinnerSaturatesAt255() {
    // delta = -2^30 for the others: e = 0, S = 32768, R = 65536, p = (2^31 + 2^22) >> 23 = 256 -> 255
    assertArrayEquals(new int[] {255, 0, 0}, IntSoftmax.row(new int[] {0, -(1 << 30), -(1 << 30)}, 0));
    assertArrayEquals(new int[] {0, 255}, IntSoftmax.row(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, 2));
  }

  @Test
  void handComputedTwoLogits() {
    // fl = 0, logits 0 and -1: delta = -1, u = -94548 (Q16 of -1.4427), n = 94548: ip = 1, fr = (94548>>8)&255 = 113
    // e = LUT[113] >> 1 = 24131 >> 1 = 12065; S = 44833, R = 47899
    int[] lut = IntSoftmax.exp2Lut();
    assertEquals(24131, lut[113]);
    int e1 = lut[113] >> 1;
    long s = 32768 + e1;
    long r = (1L << 31) / s;
    int p0 = (int) Math.min(255, (32768 * r + (1 << 22)) >> 23);
    int p1 = (int) Math.min(255, (e1 * r + (1 << 22)) >> 23);
    assertArrayEquals(new int[] {p0, p1}, IntSoftmax.row(new int[] {0, -1}, 0));
    assertEquals(187, p0); // softmax(0,-1) = 0.731 -> 187/256
    assertEquals(69, p1);  // 0.269 -> 69/256
  }

  @Test
  void negativeFracAndTies() {
    // fl = -2: logits are multiplied by 4; a 1-unit gap is 4 real units: e^-4 = 0.018
    int[] p = IntSoftmax.row(new int[] {10, 10, 9}, -2);
    assertEquals(p[0], p[1]);
    assertTrue(p[2] < 5 && p[2] > 0, "p2 " + p[2]);
  }
}
