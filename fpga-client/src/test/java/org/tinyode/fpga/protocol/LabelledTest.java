package org.tinyode.fpga.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tinyode.fpga.proto.v1.Quantity;

class LabelledTest {
  @Test
  void factoriesLabelAndRoundTripThroughTheWire() {
    Labelled m = Labelled.measured(1.5, "rapl:package-0");
    assertEquals("measured:rapl:package-0", m.provenance());
    assertTrue(m.isMeasured());
    Labelled d = Labelled.modeled(0.25, "zcu104");
    assertEquals("modeled:zcu104", d.provenance());
    assertFalse(d.isMeasured());
    Quantity q = d.toProto();
    assertEquals(0.25, q.getValue());
    assertEquals("modeled:zcu104", q.getProvenance());
    assertEquals(d, Labelled.fromProto(q));
    assertEquals("measured:host-cpu-nanotime", new Labelled(1, Labelled.HOST_CLOCK).provenance());
  }

  @Test
  void refusesMissingOrUnknownProvenance() {
    for (String bad : new String[] {null, "", "guess:x", "measured:", "modeled:", "zcu104"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Labelled(1, bad));
      assertTrue(e.getMessage().contains("provenance"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Labelled.fromProto(Quantity.newBuilder().setValue(1).build()));
  }
}
