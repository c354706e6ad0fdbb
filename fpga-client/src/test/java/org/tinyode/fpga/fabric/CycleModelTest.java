package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.model.spec.ModelSpec;

/**
 * Cycle counts checked by hand against the zcu104 profile. The expected values are written in terms of the profile's
 * fields (ops per cycle, fill, clock, watts), so the hand counts stay valid when the profile is recalibrated; the
 * figures in the comments are those of the shipped profile (150 MHz, conv3x3 144 ops/cycle, conv1x1 and attention
 * 48, softmax 4; idle 1.0 + 0.5 W, conv +3.1 W, attention +1.2 W, DMA +0.3 W).
 */
class CycleModelTest {
  static final BoardProfile ZCU104 = BoardProfile.load("zcu104");
  static final ModelSpec TINY = ModelSpec.fromJson(FakeSplitModel.SPEC_JSON);
  static final BoardProfile.LayerType CONV3 = ZCU104.layerTypes().get("conv3x3");
  static final BoardProfile.LayerType CONV1 = ZCU104.layerTypes().get("conv1x1");
  static final BoardProfile.LayerType ATTN = ZCU104.layerTypes().get("attention");
  static final BoardProfile.LayerType SOFTMAX = ZCU104.layerTypes().get("softmax");
  static final double IDLE = ZCU104.power().psIdleWatts() + ZCU104.power().plIdleWatts();
  final CycleModel model = new CycleModel(ZCU104);

  static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  @Test
  void odeBlockConvLayersByHand() {
    // ode1, C=4 on 4x4: MACs 4*4*9*16 = 2304 -> ceil(2304/144) = 16 compute cycles; on-chip bytes 2*4*16 = 128
    // -> 2 cycles (hidden under compute); fill 64; per step 80; 2 steps -> 160 per conv, 320 for the block.
    StageCycles s = model.stage("ode1", FabricWork.of(TINY, 0));
    LayerCycles conv1 = s.layers().get(0);
    long compute = ceil(2304, CONV3.opsPerCycle());
    long onChip = ceil(128, ZCU104.memory().onChipBytesPerCycle());
    assertTrue(compute > onChip, "on-chip traffic hidden under compute");
    long per = CONV3.fillCycles() + compute;
    assertEquals(2304, conv1.work().ops());
    assertEquals(compute, conv1.compute());
    assertEquals(onChip, conv1.onChip());
    assertEquals(0, conv1.ddr());
    assertEquals(per, conv1.perInvocation());
    assertEquals(2 * per, conv1.total());
    assertEquals(4 * per, s.cycles());
    assertEquals(4 * per / ZCU104.plClockHz(), s.seconds(), 1e-18);
    // (PS idle + PL idle + conv engine) W * cycles / PL clock
    double conv = IDLE + ZCU104.engines().get("conv").dynamicWatts();
    assertEquals(conv * 4 * per / ZCU104.plClockHz(), s.energyJoules(), 1e-15);
  }

  @Test
  void mhsaLayersByHand() {
    // C=4, N=16: q/k/v/proj 256 MACs / 48 = 6 (+16 fill) = 22 each; proj on-chip 192 B -> 3 (hidden);
    // attention 2*16*16*4 = 2048 / 48 = 43 + 32 fill = 75; softmax 256 elements / 4 = 64 + 16 fill = 80.
    StageCycles s = model.stage("mhsa", FabricWork.of(TINY, 1));
    List<Long> per = s.layers().stream().map(LayerCycles::total).toList();
    long proj = CONV1.fillCycles() + ceil(256, CONV1.opsPerCycle());
    long attn = ATTN.fillCycles() + ceil(2048, ATTN.opsPerCycle());
    long softmax = SOFTMAX.fillCycles() + ceil(256, SOFTMAX.opsPerCycle());
    assertTrue(ceil(256, CONV1.opsPerCycle()) >= ceil(192, ZCU104.memory().onChipBytesPerCycle()));
    assertEquals(List.of(proj, proj, proj, attn, softmax, proj), per);
    assertEquals(4 * proj + attn + softmax, s.cycles());
    // conv engine for q/k/v/proj, attention engine for attention and softmax
    double conv = IDLE + ZCU104.engines().get("conv").dynamicWatts();
    double attention = IDLE + ZCU104.engines().get("attention").dynamicWatts();
    assertEquals((4 * proj * conv + (attn + softmax) * attention) / ZCU104.plClockHz(), s.energyJoules(), 1e-15);
  }

  @Test
  void transitionOfThePaperPresetByHand() {
    // paper-stl10 trans1: 64 -> 128, 3x3 stride 2, 24x24 -> 12x12: 64*128*9*144 = 10,616,832 MACs / 144
    // = 73,728 cycles; on-chip 64*576 + 128*144 = 55,296 B / 64 = 864 (hidden); + 64 fill = 73,792.
    ModelSpec paper = ModelSpec.preset("paper-stl10");
    StageCycles s = model.stage("trans1", FabricWork.of(paper, 1));
    assertEquals(10_616_832L, s.layers().get(0).work().ops());
    assertEquals(CONV3.fillCycles() + ceil(10_616_832L, CONV3.opsPerCycle()), s.cycles());
  }

  @Test
  void transfersAndPlan() {
    // 64 bytes over DDR: 100 latency + 64/16 = 104 cycles, at (idle + DMA) W
    BoardProfile.Memory m = ZCU104.memory();
    long transfer = m.ddrLatencyCycles() + ceil(64, m.ddrBytesPerCycle());
    assertEquals(transfer, model.transferCycles(64));
    List<StageCycles> plan = model.plan(TINY);
    assertEquals(List.of("transfer_in", "ode1", "mhsa", "transfer_out"),
        plan.stream().map(StageCycles::stage).toList());
    assertEquals(2 * transfer + model.stage("ode1", FabricWork.of(TINY, 0)).cycles()
        + model.stage("mhsa", FabricWork.of(TINY, 1)).cycles(), plan.stream().mapToLong(StageCycles::cycles).sum());
    assertEquals((IDLE + ZCU104.power().dmaWatts()) * transfer / ZCU104.plClockHz(), plan.get(0).energyJoules(),
        1e-15);
  }

  @Test
  void weightsInDdrAddTraffic() {
    BoardProfile ddr = new BoardProfile("ddr", "", 200e6, ZCU104.engines(), ZCU104.layerTypes(),
        new BoardProfile.Memory(64, 16, 100, false), ZCU104.power(), ZCU104.ps());
    // conv1 weights 4*4*9 + 4*4 = 160 B: 100 + 160/16 = 110 extra cycles per invocation -> 64 + 16 + 110 = 190
    LayerCycles conv1 = new CycleModel(ddr).layer(FabricWork.of(TINY, 0).get(0));
    assertEquals(110, conv1.ddr());
    assertEquals(CONV3.fillCycles() + ceil(2304, CONV3.opsPerCycle()) + 110, conv1.perInvocation());
  }

  @Test
  void psModel() {
    // 600 M MAC/s: 192 MACs -> 3.2e-7 s; (idle 1.5 + PS active 0.4) W x that
    double rate = ZCU104.ps().macsPerSecond();
    assertEquals(192 / rate, model.psSeconds(192), 1e-20);
    double watts = IDLE + ZCU104.power().psActiveWatts();
    assertEquals(watts * 3.2e-7, model.psJoules(3.2e-7), 1e-20);
    // per stage: the stem kind has its own rate (ps.macsPerSecondByKind), other kinds the default
    var stem = new org.tinyode.model.spec.StageCost("stem", "conv+bn+relu+pool", "cpu", 0, 192, 0);
    var head = new org.tinyode.model.spec.StageCost("head", "global-avg+fc", "cpu", 0, 192, 0);
    assertEquals(192 / ZCU104.ps().macsPerSecondByKind().get("conv+bn+relu+pool"), model.psSeconds(stem), 1e-20);
    assertEquals(192 / rate, model.psSeconds(head), 1e-20);
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
