package org.tinyode.fpga.power;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrapezoidTest {
  @Test
  void handCountedPieces() {
    // 0..1 s at 2 W -> 4 W: 3 J; 1..1.5 s at 4 W flat: 2 J; 1.5..3.5 s 4 W -> 0 W: 4 J
    long[] t = {0, 1_000_000_000L, 1_500_000_000L, 3_500_000_000L};
    double[] w = {2, 4, 4, 0};
    assertEquals(9.0, Trapezoid.joules(t, w, 4), 1e-12);
    assertEquals(3.0, Trapezoid.joules(t, w, 2), 1e-12);
    assertEquals(0.0, Trapezoid.joules(t, w, 1));
  }
}
