package org.tinyode.model.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tinyode.model.spec.FeatureShape;

class OdeStageTest {
  @Test
  void eulerStepsByHand() {
    // one channel, 1x1 map: only the kernel centre sees data. f_z = 2, f_a = 2, f_f = 1, h = 2^-1 (k = 1)
    byte[] w1 = {0, 0, 0, 0, 2, 0, 0, 0, 0};
    byte[] w2 = {0, 0, 0, 0, 3, 0, 0, 0, 0};
    ConvGeometry g = ConvGeometry.of(1, 1, 1, 3, 1, 1);
    QConv c1 = new QConv("o.conv1", w1, new byte[] {0}, new int[] {0}, 1, g, 2, 2, true);
    QConv c2 = new QConv("o.conv2", w2, new byte[] {0}, new int[] {0}, 1, g, 2, 1, false);
    OdeStage ode = new OdeStage("o", c1, c2, new FeatureShape(1, 1, 1), 2, 1, 1, 2);
    TapCollector taps = new TapCollector();
    float[] z = new float[1];
    ode.run(new float[] {10}, z, new Scratch(), taps);
    // step 1: act = 10*2 = 20 (shift 2+0-2 = 0); f = rshift(20*3, 2+0-1) = 30; z = 10 + rshift(30, 1+1-2) = 40
    assertArrayEquals(new int[] {20}, taps.values("o.step1.act"));
    assertArrayEquals(new int[] {30}, taps.values("o.step1.f"));
    assertArrayEquals(new int[] {40}, taps.values("o.step1"));
    // step 2: act = 80, f = 120, z = sat8(40 + 120) = 127
    assertArrayEquals(new int[] {120}, taps.values("o.step2.f"));
    assertArrayEquals(new int[] {127}, taps.values("o.step2"));
    assertEquals(127f, z[0]);
  }

  @Test
  void updateShiftRoundsTheScaledDerivative() {
    // h = 2^-2, f_f = 0, f_z = 0: z + rshift(f, 2); f = -6 -> -1.5 -> -1
    byte[] w1 = {0, 0, 0, 0, 1, 0, 0, 0, 0};
    byte[] w2 = {0, 0, 0, 0, -1, 0, 0, 0, 0};
    ConvGeometry g = ConvGeometry.of(1, 1, 1, 3, 1, 1);
    QConv c1 = new QConv("o.conv1", w1, new byte[] {0}, new int[] {0}, 1, g, 0, 0, true);
    QConv c2 = new QConv("o.conv2", w2, new byte[] {0}, new int[] {0}, 1, g, 0, 0, false);
    OdeStage ode = new OdeStage("o", c1, c2, new FeatureShape(1, 1, 1), 1, 0, 2, 0);
    float[] z = new float[1];
    ode.run(new float[] {6}, z, new Scratch(), null);
    assertEquals(5f, z[0]);
  }
}
