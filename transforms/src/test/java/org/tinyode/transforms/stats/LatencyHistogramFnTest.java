package org.tinyode.transforms.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class LatencyHistogramFnTest {
  private final LatencyHistogramFn fn = new LatencyHistogramFn();

  @Test
  void quantilesMeanMaxOfOneToAThousandMicroseconds() {
    LatencyHistogramFn.Acc a = fn.createAccumulator();
    LatencyHistogramFn.Acc b = fn.createAccumulator();
    for (int i = 1; i <= 1000; i++) {
      fn.addInput(i % 2 == 0 ? a : b, KV.of(i * 1000L, "measured:clock"));
    }
    LatencyHistogramFn.Stats s = fn.extractOutput(fn.mergeAccumulators(List.of(a, b)));
    assertEquals(1000, s.count());
    assertEquals(500_000, s.p50(), 500); // 3 significant digits
    assertEquals(990_000, s.p99(), 1000);
    assertEquals(1_000_000, s.max(), 1000);
    assertEquals(500_500, s.mean(), 600);
    assertEquals("measured:clock", s.provenance());
  }

  @Test
  void accumulatorSurvivesJavaSerialisationCompactly() throws Exception {
    LatencyHistogramFn.Acc a = fn.createAccumulator();
    for (int i = 1; i <= 100; i++) {
      fn.addInput(a, KV.of(i * 1_000_000L, "measured:clock"));
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
      o.writeObject(a);
    }
    org.junit.jupiter.api.Assertions.assertTrue(bytes.size() < 4096, bytes.size() + " bytes");
    LatencyHistogramFn.Acc back;
    try (java.io.ObjectInputStream i = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      back = (LatencyHistogramFn.Acc) i.readObject();
    }
    fn.addInput(back, KV.of(5_000_000_000L, "measured:clock"));
    LatencyHistogramFn.Stats s = fn.extractOutput(back);
    assertEquals(101, s.count());
    assertEquals(51_000_000, s.p50(), 100_000); // the 51st of 101 values
    assertEquals(5_000_000_000L, s.max(), 5_000_000);
  }
}
