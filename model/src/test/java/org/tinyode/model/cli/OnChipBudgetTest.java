package org.tinyode.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tinyode.model.spec.ModelSpec;

class OnChipBudgetTest {
  @Test
  void zcu104Capacity() {
    OnChipBudget b = OnChipBudget.of(ModelSpec.preset("paper-stl10"));
    assertEquals(312L * 36 * 1024 / 8, b.bramBytes());   // 1,437,696 B = 11.0 Mb
    assertEquals(96L * 288 * 1024 / 8, b.uramBytes());   // 3,538,944 B = 27.0 Mb
    // largest working set: ode1 = 3 x 64x24x24 int8
    assertEquals(3L * 64 * 24 * 24, b.activationBytes());
    assertTrue(b.fits());
  }
}
