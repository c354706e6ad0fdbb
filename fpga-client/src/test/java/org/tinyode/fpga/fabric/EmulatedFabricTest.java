package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.testing.FakeSplitModel;

class EmulatedFabricTest {
  final FakeSplitModel model = new FakeSplitModel("00".repeat(32));
  final EmulatedFabric fabric = new EmulatedFabric(model, BoardProfile.load("zcu104"));

  @Test
  void runsEveryStageAndReportsModeledTiming() {
    byte[] in = new byte[64];
    in[0] = 126;
    FabricRun run = fabric.run(in);
    assertArrayEquals(model.fabricOutput(in), run.output());
    assertEquals(127, run.output()[0]); // saturated
    assertEquals(List.of("transfer_in", "ode1", "mhsa", "transfer_out"),
        run.stages().stream().map(FabricStage::stage).toList());
    FabricStage ode = run.stages().get(1);
    assertEquals(new CycleModel(BoardProfile.load("zcu104")).stage("ode1", FabricWork.of(model.spec(), 0)).cycles(),
        ode.cycles());
    assertEquals("modeled:zcu104", ode.cyclesProvenance());
    assertEquals("modeled:zcu104", ode.seconds().provenance());
    assertEquals("modeled:zcu104", ode.energyJoules().provenance());
    assertEquals("emulated", fabric.info().kind());
  }

  @Test
  void wrongInputSizeIsRefused() {
    FabricException e = assertThrows(FabricException.class, () -> fabric.run(new byte[63]));
    assertEquals("fabric input must be 64 bytes (int8 4x4x4 CHW), got 63", e.getMessage());
  }
}
