package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.model.spec.ModelSpec;

/** Cycle counts checked by hand against the zcu104 profile (figures in the comments). */
class CycleModelTest {
  static final BoardProfile ZCU104 = BoardProfile.load("zcu104");
  static final ModelSpec TINY = ModelSpec.fromJson(FakeSplitModel.SPEC_JSON);
  final CycleModel model = new CycleModel(ZCU104);

  @Test
  void odeBlockConvLayersByHand() {
    // ode1, C=4 on 4x4: MACs 4*4*9*16 = 2304 -> ceil(2304/288) = 8 compute cycles; on-chip bytes 2*4*16 = 128
    // -> 2 cycles (hidden under compute); fill 64; per step 72; 2 steps -> 144 per conv, 288 for the block.
    StageCycles s = model.stage("ode1", FabricWork.of(TINY, 0));
    LayerCycles conv1 = s.layers().get(0);
    assertEquals(2304, conv1.work().ops());
    assertEquals(8, conv1.compute());
    assertEquals(2, conv1.onChip());
    assertEquals(0, conv1.ddr());
    assertEquals(72, conv1.perInvocation());
    assertEquals(144, conv1.total());
    assertEquals(288, s.cycles());
    assertEquals(288 / 200e6, s.seconds(), 1e-18);
    // (PS idle 1.6 + PL idle 0.9 + conv engine 1.4 W) * 288 cycles / 200 MHz
    assertEquals(3.9 * 288 / 200e6, s.energyJoules(), 1e-15);
  }

  @Test
  void mhsaLayersByHand() {
    // C=4, N=16: q/k/v/proj 256 MACs / 64 = 4 (+16 fill) = 20 each; proj on-chip 192 B -> 3 (hidden);
    // attention 2*16*16*4 = 2048 / 64 = 32 + 32 fill = 64; softmax 256 elements / 4 = 64 + 16 fill = 80.
    StageCycles s = model.stage("mhsa", FabricWork.of(TINY, 1));
    List<Long> per = s.layers().stream().map(LayerCycles::total).toList();
    assertEquals(List.of(20L, 20L, 20L, 64L, 80L, 20L), per);
    assertEquals(224, s.cycles());
    // conv engine 80 cycles at 3.9 W, attention engine 144 cycles at 2.5 + 0.6 = 3.1 W
    assertEquals((80 * 3.9 + 144 * 3.1) / 200e6, s.energyJoules(), 1e-15);
  }

  @Test
  void transitionOfThePaperPresetByHand() {
    // paper-stl10 trans1: 64 -> 128, 3x3 stride 2, 24x24 -> 12x12: 64*128*9*144 = 10,616,832 MACs / 288
    // = 36,864 cycles; on-chip 64*576 + 128*144 = 55,296 B / 64 = 864 (hidden); + 64 fill = 36,928.
    ModelSpec paper = ModelSpec.preset("paper-stl10");
    StageCycles s = model.stage("trans1", FabricWork.of(paper, 1));
    assertEquals(10_616_832L, s.layers().get(0).work().ops());
    assertEquals(36_928, s.cycles());
  }

  @Test
  void transfersAndPlan() {
    // 64 bytes over DDR: 100 latency + 64/16 = 104 cycles, at (2.5 idle + 0.3 DMA) W
    assertEquals(104, model.transferCycles(64));
    List<StageCycles> plan = model.plan(TINY);
    assertEquals(List.of("transfer_in", "ode1", "mhsa", "transfer_out"),
        plan.stream().map(StageCycles::stage).toList());
    assertEquals(104 + 288 + 224 + 104, plan.stream().mapToLong(StageCycles::cycles).sum());
    assertEquals(2.8 * 104 / 200e6, plan.get(0).energyJoules(), 1e-15);
  }

  @Test
  void weightsInDdrAddTraffic() {
    BoardProfile ddr = new BoardProfile("ddr", "", 200e6, ZCU104.engines(), ZCU104.layerTypes(),
        new BoardProfile.Memory(64, 16, 100, false), ZCU104.power(), ZCU104.ps());
    // conv1 weights 4*4*9 + 4*4 = 160 B: 100 + 160/16 = 110 extra cycles per invocation -> 64 + 8 + 110 = 182
    LayerCycles conv1 = new CycleModel(ddr).layer(FabricWork.of(TINY, 0).get(0));
    assertEquals(110, conv1.ddr());
    assertEquals(182, conv1.perInvocation());
  }

  @Test
  void psModel() {
    // 600 M MAC/s: 192 stem MACs (4 out x 3 in x 1x1 x 16 positions) -> 3.2e-7 s; (2.5 + 0.9) W x that
    assertEquals(3.2e-7, model.psSeconds(192), 1e-20);
    assertEquals(3.4 * 3.2e-7, model.psJoules(3.2e-7), 1e-20);
  }

  @Test
  void unknownLayerTypeNamesProfileAndLayer() {
    BoardProfile noAttn = new BoardProfile("cut", "", 1e8, ZCU104.engines(),
        Map.of("conv3x3", ZCU104.layerTypes().get("conv3x3")), ZCU104.memory(), ZCU104.power(), ZCU104.ps());
    ProfileException e = assertThrows(ProfileException.class,
        () -> new CycleModel(noAttn).stage("mhsa", FabricWork.of(TINY, 1)));
    assertTrue(e.getMessage().contains("layerTypes.conv1x1") && e.getMessage().contains("mhsa.q"), e.getMessage());
  }
}
