package org.tinyode.fpga.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.protocol.Labelled;

class ModeledPowerMonitorTest {
  final ModeledPowerMonitor m = new ModeledPowerMonitor(BoardProfile.load("zcu104"));

  @Test
  void wattsPerUnitFromTheProfile() {
    assertEquals(1.6 + 0.9 + 0.9, m.watts(StageActivity.PS), 1e-12);
    assertEquals(1.6 + 0.9 + 0.3, m.watts(StageActivity.DMA), 1e-12);
    assertEquals(1.6 + 0.9 + 1.4, m.watts("conv"), 1e-12);
    assertEquals(1.6 + 0.9 + 0.6, m.watts("attention"), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> m.watts("gpu"));
  }

  @Test
  void energyIsModeledPowerTimesModeledTime() {
    Labelled e = m.open().close(new StageActivity(StageActivity.PS, 0.002));
    assertEquals(3.4 * 0.002, e.value(), 1e-15);
    assertEquals("modeled:zcu104", e.provenance());
  }
}
