package org.tinyode.fpga.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.fpga.testing.FakeSplitModel;

class FaultPlanTest {
  @Test
  void parsesEveryFaultAndReportsThemCanonically() {
    FaultPlan p = FaultPlan.parse("latency=50ms,drop=0.1", "reset-after=3", "corrupt-payload", "wrong-model-hash",
        "crash-after=7", "seed=9");
    assertEquals(Duration.ofMillis(50), p.latency());
    assertEquals(0.1, p.dropProbability());
    assertEquals(3, p.resetAfter());
    assertTrue(p.corruptPayload());
    assertTrue(p.wrongModelHash());
    assertEquals(7, p.crashAfter());
    assertEquals(9, p.seed());
    assertEquals(List.of("latency=50ms", "drop=0.1", "reset-after=3", "corrupt-payload", "wrong-model-hash",
        "crash-after=7"), p.canonical());
    assertEquals(Duration.ofMillis(1500), FaultPlan.parse("latency=1.5s").latency());
    assertEquals(Duration.ofNanos(250_000), FaultPlan.parse("latency=250us").latency());
    assertTrue(FaultPlan.parse().isNone());
    assertTrue(FaultPlan.NONE.canonical().isEmpty());
  }

  @Test
  void corruptStageNamesAFabricStageOfTheModel() {
    FaultPlan p = FaultPlan.parse("drop=0.1,corrupt-stage=trans1");
    assertEquals("trans1", p.corruptStage());
    assertEquals(List.of("drop=0.1", "corrupt-stage=trans1"), p.canonical());
    assertFalse(FaultPlan.parse("corrupt-stage=mhsa").isNone());
    assertEquals("", FaultPlan.NONE.corruptStage());
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("corrupt-stage"));
    FakeSplitModel fake = new FakeSplitModel("ab".repeat(32));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new FaultInjector(FaultPlan.parse("corrupt-stage=trans9")).model(fake));
    assertTrue(e.getMessage().contains("trans9") && e.getMessage().contains("ode1, mhsa"), e.getMessage());
    // a model that cannot run stage by stage refuses instead of pretending
    SplitModel wrapped = new FaultInjector(FaultPlan.parse("corrupt-stage=ode1")).model(fake);
    assertThrows(UnsupportedOperationException.class, () -> wrapped.runFabric(new byte[64]));
  }

  @Test
  void boardPrefixesTargetOneBoardOfSeveral() {
    List<String> specs = List.of("latency=5ms", "1:crash-after=2,2:drop=0.5,reset-after=4");
    assertEquals(List.of("latency=5ms"), FaultPlan.parse(specs, 0).canonical());
    assertEquals(List.of("latency=5ms", "crash-after=2"), FaultPlan.parse(specs, 1).canonical());
    assertEquals(List.of("latency=5ms", "drop=0.5", "reset-after=4"), FaultPlan.parse(specs, 2).canonical());
    assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(List.of("3:explode"), 0));
    assertFalse(FaultPlan.parse(specs, 1).isNone());
  }

  @Test
  void badSpecsAreRefusedWithTheirName() {
    for (String bad : new String[] {"explode", "drop=2", "drop=x", "latency=5", "latency", "crash-after=0",
        "reset-after=-1", "corrupt-payload=yes"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse(bad), bad);
      assertFalse(e.getMessage().isBlank());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("explode"));
    assertTrue(e.getMessage().contains("explode"), e.getMessage());
  }
}
