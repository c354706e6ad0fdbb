package org.tinyode.model.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FixedPointTest {
  @Test
  void rshiftRoundsHalfUpForBothSigns() {
    assertEquals(3, FixedPoint.rshift(5, 1));   // 2.5 -> 3
    assertEquals(-2, FixedPoint.rshift(-5, 1)); // -2.5 -> -2 (half up = toward +inf)
    assertEquals(-3, FixedPoint.rshift(-7, 1)); // -3.5 -> -3
    assertEquals(1, FixedPoint.rshift(3, 2));   // 0.75 -> 1
    assertEquals(0, FixedPoint.rshift(1, 2));   // 0.25 -> 0
    assertEquals(0, FixedPoint.rshift(-2, 2));  // -0.5 -> 0
    assertEquals(-1, FixedPoint.rshift(-3, 2)); // -0.75 -> -1
    assertEquals(7, FixedPoint.rshift(7, 0));
  }

  @Test
  void rshiftNegativeShiftsAndExtremes() {
    assertEquals(20, FixedPoint.rshift(5, -2));
    assertEquals(-20, FixedPoint.rshift(-5, -2));
    assertEquals(Integer.MAX_VALUE, FixedPoint.rshift(1 << 20, -12));
    assertEquals(Integer.MIN_VALUE, FixedPoint.rshift(-(1 << 20), -12));
    assertEquals(Integer.MAX_VALUE, FixedPoint.rshift(3, -70));
    assertEquals(0, FixedPoint.rshift(Integer.MAX_VALUE, 40));
    assertEquals(1, FixedPoint.rshift(Integer.MAX_VALUE, 31));  // 0.99999 -> 1
    assertEquals(-1, FixedPoint.rshift(Integer.MIN_VALUE, 31)); // -1.0 exactly
    assertEquals(-3, FixedPoint.rshift64(-7, 1)); // -3.5 -> -3
    assertEquals(Long.MIN_VALUE, FixedPoint.rshift64(-3, -63));
  }

  @Test
  void saturation() {
    assertEquals(127, FixedPoint.sat8(128));
    assertEquals(-128, FixedPoint.sat8(-129));
    assertEquals(-128, FixedPoint.sat8(Long.MIN_VALUE));
    assertEquals(5, FixedPoint.sat8(5));
    assertEquals(Integer.MAX_VALUE, FixedPoint.sat32(1L << 40));
    assertEquals(Integer.MIN_VALUE, FixedPoint.sat32(-(1L << 40)));
  }

  @Test
  void quantizeRoundsHalfUpAndSaturates() {
    assertEquals(3, FixedPoint.quantize(0.625, 2));   // 2.5 -> 3
    assertEquals(-2, FixedPoint.quantize(-0.625, 2)); // -2.5 -> -2
    assertEquals(127, FixedPoint.quantize(100.0, 4));
    assertEquals(-128, FixedPoint.quantize(-100.0, 4));
    assertEquals(-128, FixedPoint.quantize(-8.0, 4));
    assertEquals(-127, FixedPoint.quantizeWeight(-8.0, 4));
    assertEquals(48, FixedPoint.quantize(3.0, 4));
    assertEquals(12, FixedPoint.quantize(48, -2));    // negative f: 48 / 4
    assertEquals(0, FixedPoint.quantize(0.49999997f, 0)); // float64 rounding, not Math.round(float) pitfalls
    assertEquals(-7, FixedPoint.quantizeBias(-0.875, 3));
  }

  @Test
  void formatChoice() {
    assertEquals(0, FixedPoint.fracForAbsMax(127));
    assertEquals(-1, FixedPoint.fracForAbsMax(127.5));
    assertEquals(7, FixedPoint.fracForAbsMax(0.99));   // 0.99*128 = 126.7 <= 127
    assertEquals(6, FixedPoint.fracForAbsMax(1.0));    // 1.0*128 = 128 > 127
    assertEquals(0, FixedPoint.fracForAbsMax(0));
    assertEquals(FixedPoint.MAX_FRAC, FixedPoint.fracForAbsMax(1e-30));
    assertEquals(5, FixedPoint.weightFrac(new float[] {0.5f, -3.9f, 1f})); // 3.9*32 = 124.8
    assertEquals(0, FixedPoint.weightFrac(new float[] {0f, 0f}));
  }
}
