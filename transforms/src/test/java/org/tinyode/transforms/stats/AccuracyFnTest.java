package org.tinyode.transforms.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.transforms.ExampleResult;

class AccuracyFnTest {
  static ExampleResult r(String id, int label, int top1) {
    return new ExampleResult(id, 0, 0, label, "golden", top1, new float[] {0, 0}, List.of(), "w", "h", "", List.of(),
        null);
  }

  private final AccuracyFn fn = new AccuracyFn(List.of("a", "b"), 200, 5);

  @Test
  void countsConfusionAccuracyAndMacroAccuracyByHand() {
    AccuracyFn.Acc acc = fn.createAccumulator();
    // class a: 3 examples, 2 right; class b: 1 example, 1 right; one unlabelled ignored
    for (ExampleResult x : List.of(r("1", 0, 0), r("2", 0, 0), r("3", 0, 1), r("4", 1, 1), r("5", -1, 0))) {
      fn.addInput(acc, x);
    }
    AccuracySummary s = fn.extractOutput(acc);
    assertEquals(4, s.examples());
    assertEquals(3, s.correct());
    assertEquals(0.75, s.accuracy());
    assertEquals((2.0 / 3 + 1.0) / 2, s.macroAccuracy(), 1e-12);
    assertArrayEquals(new long[] {2, 1}, s.confusion()[0]);
    assertArrayEquals(new long[] {0, 1}, s.confusion()[1]);
    assertTrue(s.ciLow() <= 0.75 && 0.75 <= s.ciHigh(), s.ciLow() + " " + s.ciHigh());
  }

  @Test
  void mergingPartsGivesExactlyTheWholeIncludingTheInterval() {
    List<ExampleResult> all = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      all.add(r("ex" + i, i % 2, i % 3 == 0 ? 1 - i % 2 : i % 2));
    }
    AccuracyFn.Acc whole = fn.createAccumulator();
    all.forEach(x -> fn.addInput(whole, x));
    AccuracyFn.Acc p1 = fn.createAccumulator();
    AccuracyFn.Acc p2 = fn.createAccumulator();
    for (int i = 0; i < all.size(); i++) {
      fn.addInput(i % 3 == 1 ? p1 : p2, all.get(all.size() - 1 - i));
    }
    AccuracySummary a = fn.extractOutput(whole);
    AccuracySummary b = fn.extractOutput(fn.mergeAccumulators(List.of(p1, p2)));
    assertEquals(a.accuracy(), b.accuracy());
    assertEquals(a.ciLow(), b.ciLow());
    assertEquals(a.ciHigh(), b.ciHigh());
  }
}
