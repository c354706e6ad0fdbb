package org.tinyode.transforms.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.transforms.ExampleResult;

class DivergenceTest {
  private static final List<String> STAGES = List.of("ode1", "trans1", "mhsa");

  private static ExampleResult result(String backend, byte[] out, List<String> stageHashes, int top1) {
    String outHash = stageHashes.isEmpty() ? "h-" + java.util.Arrays.toString(out)
        : stageHashes.get(stageHashes.size() - 1);
    return new ExampleResult("cifar10/test/7", 0, 7, 3, backend, top1, new float[] {0.5f, 1.5f}, List.of(), "w",
        "model", outHash, stageHashes, out);
  }

  @Test
  void identicalOutputsAndStagesAreExact() {
    byte[] out = {1, 2, 3};
    Divergence d = Divergence.of(result("golden", out, List.of("a", "b", "c"), 1),
        result("fpga", out.clone(), List.of("a", "b", "c"), 1), STAGES);
    assertTrue(d.exactMatch());
    assertEquals("", d.firstDivergingStage());
    assertEquals(0, d.mismatchingElements());
  }

  @Test
  void anIntermediateDifferenceThatVanishesBeforeTheOutputIsNotExact() {
    byte[] out = {1, 2, 3};
    Divergence d = Divergence.of(result("golden", out, List.of("a", "b", "c"), 1),
        result("fpga", out.clone(), List.of("a", "B", "c"), 1), STAGES);
    assertFalse(d.exactMatch());
    assertEquals("trans1", d.firstDivergingStage());
    assertEquals(0, d.mismatchingElements(), "the final outputs themselves are equal");
  }

  @Test
  void differingOutputsAreCountedInLsbAndLocatedAtTheFirstDifferingStage() {
    Divergence d = Divergence.of(result("golden", new byte[] {1, 2, 3}, List.of("a", "b", "c"), 1),
        result("fpga", new byte[] {1, -2, 6}, List.of("a", "b", "C"), 1), STAGES);
    assertFalse(d.exactMatch());
    assertEquals(2, d.mismatchingElements());
    assertEquals(4, d.maxAbsDeltaLsb());
    assertEquals("mhsa", d.firstDivergingStage());
  }

  @Test
  void withoutStageHashesAMismatchIsLocatedAtTheFabricOutput() {
    Divergence d = Divergence.of(result("golden", new byte[] {1, 2, 3}, List.of(), 1),
        result("fpga", new byte[] {1, 2, 4}, List.of(), 2), STAGES);
    assertFalse(d.exactMatch());
    assertEquals("fabric_output", d.firstDivergingStage());
    assertFalse(d.top1Equal());
  }
}
