package org.tinyode.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {
  @Test
  void roundTrips() {
    Provenance p = new Provenance(new Provenance.DatasetRef("cifar10", "train", "ab12"), 7L, 30,
        Map.of("top1", new Provenance.Metric(0.8125,
            "measured:tinyode train --eval-only on cifar10/test (10000 images)")),
        "0123abc", "2026-11-29T00:00:00Z", "tinyode train --epochs 30", Map.of("java", "17", "djl", "0.36.0"), null);
    Provenance back = Provenance.fromJson(p.toJson());
    assertEquals(p, back);
    assertTrue(p.toJson().contains("\"how\":\"measured:tinyode train"), p.toJson());
  }

  @Test
  void minimalAndUnknownFields() {
    Provenance p = Provenance.fromJson("{\"note\":\"x\"}");
    assertEquals("x", p.note());
    assertEquals(Map.of(), p.metrics());
    assertThrows(WeightsException.class, () -> Provenance.fromJson("{\"bogus\":1}"));
  }
}
