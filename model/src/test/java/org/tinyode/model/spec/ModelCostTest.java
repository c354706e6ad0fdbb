package org.tinyode.model.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCostTest {

  @Test
  void paperStl10HandCountedNumbers() {
    ModelCost c = ModelCost.of(ModelSpec.preset("paper-stl10"));
    List<StageCost> s = c.stages();
    // stem: 64*3*7*7 = 9408 weights + 128 BN; 48x48 outputs before the pool
    assertEquals(9408 + 128, s.get(0).params());
    assertEquals(9408L * 48 * 48, s.get(0).macs());
    // ode1: two 64x64x3x3 convs = 73728 + 4*64 BN; 4 steps at 24x24
    assertEquals(73728 + 256, s.get(1).params());
    assertEquals(73728L * 576 * 4, s.get(1).macs());
    // trans1: 64*128*9 = 73728 + 256 BN at 12x12
    assertEquals(73728 + 256, s.get(2).params());
    assertEquals(73728L * 144, s.get(2).macs());
    // mhsa: 4*(256*256+256) + 4 heads * (11 + 11) * 64
    assertEquals(4 * (65536 + 256) + 4 * 22 * 64, s.get(5).params());
    assertEquals(4L * 65536 * 36 + 2L * 36 * 36 * 256, s.get(5).macs());
    assertEquals(256 * 10 + 10, s.get(6).params());
    assertTrue(c.totalParams() <= ModelCost.RESNET50_PARAMS_10_CLASSES / 12, "params " + c.totalParams());
    assertTrue(c.reductionVsResNet50() >= 12.0);
  }

  @Test
  void paramsIndependentOfStepsMacsScale() {
    ModelSpec base = ModelSpec.preset("cifar10-ode");
    List<StageSpec> stages = new ArrayList<>(base.stages());
    OdeBlockSpec o = (OdeBlockSpec) stages.get(0);
    stages.set(0, new OdeBlockSpec(o.name(), o.channels(), o.steps() * 3, o.stepSize(), o.device()));
    ModelSpec more = new ModelSpec(base.specVersion(), base.name(), base.numClasses(), base.classNames(),
        base.input(), base.stem(), stages, base.head()).validate();
    ModelCost a = ModelCost.of(base);
    ModelCost b = ModelCost.of(more);
    assertEquals(a.totalParams(), b.totalParams());
    assertEquals(a.stages().get(1).macs() * 3, b.stages().get(1).macs());
  }
}
