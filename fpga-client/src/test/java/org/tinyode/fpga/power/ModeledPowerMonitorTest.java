package org.tinyode.fpga.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.protocol.Labelled;

class ModeledPowerMonitorTest {
  static final BoardProfile ZCU104 = BoardProfile.load("zcu104");
  static final double IDLE = ZCU104.power().psIdleWatts() + ZCU104.power().plIdleWatts();
  final ModeledPowerMonitor m = new ModeledPowerMonitor(ZCU104);

  @Test
  void wattsPerUnitFromTheProfile() {
    assertEquals(IDLE + ZCU104.power().psActiveWatts(), m.watts(StageActivity.PS), 1e-12);
    assertEquals(IDLE + ZCU104.power().dmaWatts(), m.watts(StageActivity.DMA), 1e-12);
    assertEquals(IDLE + ZCU104.engines().get("conv").dynamicWatts(), m.watts("conv"), 1e-12);
    assertEquals(IDLE + ZCU104.engines().get("attention").dynamicWatts(), m.watts("attention"), 1e-12);
    assertEquals(1.0 + 0.5 + 0.4, m.watts(StageActivity.PS), 1e-12, "shipped zcu104: 1.9 W while the A53 runs");
    assertThrows(IllegalArgumentException.class, () -> m.watts("gpu"));
  }

  @Test
  void energyIsModeledPowerTimesModeledTime() {
    Labelled e = m.open().close(new StageActivity(StageActivity.PS, 0.002));
    assertEquals(m.watts(StageActivity.PS) * 0.002, e.value(), 1e-15);
    assertEquals("modeled:zcu104", e.provenance());
  }
}
