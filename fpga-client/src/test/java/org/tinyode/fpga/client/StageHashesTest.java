package org.tinyode.fpga.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.Device;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.StageReport;

class StageHashesTest {
  static final List<String> FABRIC = List.of("ode1", "mhsa");
  static final String D = "d".repeat(64);
  static final String E = "e".repeat(64);

  /** A result whose fabric output hashes to E, with stem + transfer_in reports and one report per given hash. */
  static ExampleResult result(String... hashes) {
    var b = ExampleResult.newBuilder().setExampleId("d/test/7").setFabricOutputSha256(E);
    b.addStages(StageReport.newBuilder().setStage("stem").setDevice(Device.DEVICE_PS_SOFTWARE));
    b.addStages(StageReport.newBuilder().setStage("transfer_in").setDevice(Device.DEVICE_PL_FABRIC));
    for (int i = 0; i < hashes.length; i++) {
      b.addStages(StageReport.newBuilder().setStage(FABRIC.get(i)).setDevice(Device.DEVICE_PL_FABRIC)
          .setOutputSha256(hashes[i]));
    }
    return b.build();
  }

  static String refused(ExampleResult r) {
    return assertThrows(IllegalArgumentException.class, () -> StageHashes.of(r, FABRIC)).getMessage();
  }

  @Test
  void fabricStagesLeaveOutStemHeadAndTransfers() {
    BoardDescription d = BoardDescription.newBuilder().addAllStageNames(
        List.of("stem", "transfer_in", "ode1", "trans1", "mhsa", "transfer_out", "head")).build();
    assertEquals(List.of("ode1", "trans1", "mhsa"), StageHashes.fabricStages(d));
  }

  @Test
  void hashesAreReadInFabricOrderAndAbsentHashesAreAllowed() {
    assertEquals(List.of(), StageHashes.of(result("", ""), FABRIC), "board without hashes");
    assertEquals(List.of(D, E), StageHashes.of(result(D, E), FABRIC));
    ExampleResult reversed = result(D, E).toBuilder().removeStages(2).addStages(
        StageReport.newBuilder().setStage("ode1").setOutputSha256(D)).build();
    assertEquals(List.of(D, E), StageHashes.of(reversed, FABRIC), "order of reports does not matter");
  }

  @Test
  void brokenHashesAreRefusedNamingTheStage() {
    assertEquals("output_sha256 for stages [ode1] but none for [mhsa] (a board that reports them must report one "
        + "per fabric stage [ode1, mhsa])", refused(result(D)));
    assertEquals("stages[mhsa].output_sha256 " + "f".repeat(64) + " differs from fabric_output_sha256 " + E,
        refused(result(D, "f".repeat(64))));
    assertEquals("stages[ode1].output_sha256 is not 64 lowercase hex characters: '" + "D".repeat(64) + "'",
        refused(result("D".repeat(64), E)));
    ExampleResult twice = result(D, E).toBuilder().addStages(
        StageReport.newBuilder().setStage("ode1").setOutputSha256(D)).build();
    assertEquals("stages[ode1] is reported twice", refused(twice));
    ExampleResult onStem = result(D, E).toBuilder().setStages(0,
        StageReport.newBuilder().setStage("stem").setOutputSha256(D)).build();
    assertEquals("stages[stem] is not a fabric stage but carries output_sha256 (fabric stages: [ode1, mhsa])",
        refused(onStem));
  }
}
