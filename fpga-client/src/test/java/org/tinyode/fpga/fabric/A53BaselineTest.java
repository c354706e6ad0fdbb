package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.model.spec.ModelCost;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageCost;

/**
 * The shipped zcu104 profile is calibrated so that the paper's geometry (preset paper-stl10) reproduces the paper's
 * three published ratios against the Cortex-A53 (docs/board-protocol.md, "Board profile"). Computed by the
 * production code ({@link A53Baseline#modeled}, {@link CycleModel}, {@link ModelCost}): this fails when the profile,
 * the cycle model, the MAC counts or the preset drift.
 */
class A53BaselineTest {
  static final BoardProfile ZCU104 = BoardProfile.load("zcu104");

  @Test
  void zcu104ReproducesThePapersRatiosForThePapersGeometry() {
    A53Baseline.Comparison c = A53Baseline.modeled(ModelSpec.preset("paper-stl10"), ZCU104);
    String all = String.format("backbone+MHSA %.2fx, overall %.2fx, energy %.2fx", c.backboneMhsaSpeedup(),
        c.overallSpeedup(), c.energyEfficiency());
    assertWithin(A53Baseline.PAPER_BACKBONE_MHSA, c.backboneMhsaSpeedup(), 0.03, "backbone+MHSA: " + all);
    assertWithin(A53Baseline.PAPER_OVERALL, c.overallSpeedup(), 0.03, "overall: " + all);
    assertWithin(A53Baseline.PAPER_ENERGY, c.energyEfficiency(), 0.03, "energy: " + all);
  }

  @Test
  void comparisonIsTheSumOfTheStagesAndThePlan() {
    ModelSpec spec = ModelSpec.preset("paper-stl10");
    CycleModel model = new CycleModel(ZCU104);
    A53Baseline a53 = new A53Baseline(spec, ZCU104);
    A53Baseline.Comparison c = A53Baseline.modeled(spec, ZCU104);
    List<StageCost> costs = ModelCost.of(spec).stages();
    double fpgaPart = 0;
    double psPart = 0;
    for (StageCost s : costs) {
      double rate = s.kind().equals("conv+bn+relu+pool") ? ZCU104.ps().macsPerSecondByKind().get(s.kind())
          : ZCU104.ps().macsPerSecond();
      if (s.device().equals("cpu")) {
        psPart += s.macs() / rate;
      } else {
        fpgaPart += s.macs() / rate;
      }
    }
    assertEquals(fpgaPart, c.a53FpgaPartSeconds(), 1e-12);
    assertEquals(psPart, c.a53PsStageSeconds(), 1e-12);
    assertEquals(java.util.Set.of("stem", "head"), a53.psStages());
    List<StageCycles> plan = model.plan(spec);
    assertEquals(plan.stream().mapToDouble(StageCycles::seconds).sum(), c.fabricSeconds(), 1e-15);
    assertEquals(plan.stream().mapToDouble(StageCycles::energyJoules).sum(), c.fabricJoules(), 1e-15);
    assertEquals(model.psJoules(fpgaPart + psPart), c.a53Joules(), 1e-12);
    assertEquals(model.psJoules(psPart), c.a53PsStageJoules(), 1e-12);
    assertEquals(fpgaPart / c.fabricSeconds(), c.backboneMhsaSpeedup(), 1e-9);
    assertEquals((fpgaPart + psPart) / (psPart + c.fabricSeconds()), c.overallSpeedup(), 1e-9);
  }

  @Test
  void perKindRateAppliesToTheStemOnly() {
    ModelSpec spec = ModelSpec.preset("paper-stl10");
    CycleModel model = new CycleModel(ZCU104);
    StageCost stem = ModelCost.of(spec).stages().get(0);
    StageCost head = ModelCost.of(spec).stages().get(ModelCost.of(spec).stages().size() - 1);
    assertEquals("conv+bn+relu+pool", stem.kind());
    double stemRate = ZCU104.ps().macsPerSecond(stem.kind());
    assertTrue(stemRate < ZCU104.ps().macsPerSecond(), "the stem is slower per MAC than the backbone convs");
    assertEquals(stem.macs() / stemRate, model.psSeconds(stem), 1e-15);
    assertEquals(model.psSeconds(head.macs()), model.psSeconds(head), 1e-15);
  }

  static void assertWithin(double expected, double actual, double relative, String message) {
    assertTrue(Math.abs(actual / expected - 1) <= relative,
        message + " (paper " + expected + ", allowed ±" + relative * 100 + " %)");
  }
}
