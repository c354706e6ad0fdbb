package org.tinyode.fpga.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.SplitPoint;
import org.tinyode.fpga.proto.v1.StageReport;
import org.tinyode.fpga.proto.v1.StemOutputBatch;
import org.tinyode.fpga.proto.v1.TensorFormat;
import org.tinyode.fpga.protocol.Sha256;

/** Hand-made responses: one consistent, then one field broken at a time. */
class ResponseCheckTest {
  static final String SHA = "56".repeat(32);
  static final byte[] OUT = {1, 2, 3, 4};
  static final BoardDescription D = BoardDescription.newBuilder().setNumClasses(3)
      .setFabricOutputFormat(TensorFormat.newBuilder().setChannels(1).setHeight(2).setWidth(2)).build();
  static final InferRequest REQ = InferRequest.newBuilder().setRequestId("r").addExampleIds("a").addExampleIds("b")
      .setReturnFabricOutput(true).setImages(ImageBatch.getDefaultInstance()).build();

  static InferResponse good() {
    ExampleResult e = ExampleResult.newBuilder().setExampleId("a").addLogits(0.5f).addLogits(2f).addLogits(2f)
        .setTop1(1).setFabricOutputSha256(Sha256.hex(OUT)).setFabricOutput(ByteString.copyFrom(OUT)).build();
    return InferResponse.newBuilder().setRequestId("r").setModelSha256(SHA)
        .setSplitPoint(SplitPoint.SPLIT_POINT_IMAGE).addResults(e).addResults(e.toBuilder().setExampleId("b"))
        .build();
  }

  static String broken(UnaryOperator<InferResponse.Builder> f) {
    return ResponseCheck.problem(REQ, f.apply(good().toBuilder()).build(), SHA, D);
  }

  @Test
  void consistentResponsePasses() {
    assertNull(ResponseCheck.problem(REQ, good(), SHA, D));
    InferRequest stem = REQ.toBuilder().setStemOutputs(StemOutputBatch.getDefaultInstance()).build();
    assertTrue(ResponseCheck.problem(stem, good(), SHA, D).startsWith("split_point"));
  }

  @Test
  void eachInconsistencyIsNamed() {
    assertTrue(broken(b -> b.setModelSha256("00".repeat(32))).startsWith("model_sha256"));
    assertEquals("1 results for 2 example ids", broken(b -> b.removeResults(1)));
    assertTrue(broken(b -> {
      b.getResultsBuilder(1).setExampleId("z");
      return b;
    }).startsWith("results[1].example_id z"));
    assertEquals("results[0]: 2 logits, board has 3 classes", broken(b -> {
      b.getResultsBuilder(0).clearLogits().addLogits(1f).addLogits(2f);
      return b;
    }));
    assertEquals("results[0].logits[2] is NaN", broken(b -> {
      b.getResultsBuilder(0).setLogits(2, Float.NaN);
      return b;
    }));
    assertEquals("results[1].top1 2, argmax of logits is 1", broken(b -> {
      b.getResultsBuilder(1).setTop1(2);
      return b;
    }));
    assertTrue(broken(b -> {
      b.getResultsBuilder(0).setFabricOutputSha256("xyz");
      return b;
    }).contains("not 64 hex"));
    assertEquals("results[0].fabric_output has 3 bytes, expected 4", broken(b -> {
      b.getResultsBuilder(0).setFabricOutput(ByteString.copyFrom(new byte[] {1, 2, 3}));
      return b;
    }));
    assertEquals("results[1].fabric_output does not hash to fabric_output_sha256", broken(b -> {
      b.getResultsBuilder(1).setFabricOutput(ByteString.copyFrom(new byte[] {1, 2, 3, 5}));
      return b;
    }));
  }

  @Test
  void stageOutputHashesAreOptionalButWhenSentOnePerFabricStageEndingAtTheOutputHash() {
    BoardDescription d = D.toBuilder().addStageNames("stem").addStageNames("transfer_in").addStageNames("ode1")
        .addStageNames("mhsa").addStageNames("transfer_out").addStageNames("head").build();
    String mid = "ab".repeat(32);
    UnaryOperator<InferResponse.Builder> hashes = b -> {
      for (int i = 0; i < b.getResultsCount(); i++) {
        b.getResultsBuilder(i).addStages(StageReport.newBuilder().setStage("stem"))
            .addStages(StageReport.newBuilder().setStage("ode1").setOutputSha256(mid))
            .addStages(StageReport.newBuilder().setStage("mhsa").setOutputSha256(Sha256.hex(OUT)))
            .addStages(StageReport.newBuilder().setStage("head"));
      }
      return b;
    };
    assertNull(ResponseCheck.problem(REQ, good(), SHA, d), "no hashes at all is fine");
    assertNull(ResponseCheck.problem(REQ, hashes.apply(good().toBuilder()).build(), SHA, d));
    InferResponse.Builder bad = hashes.apply(good().toBuilder());
    bad.getResultsBuilder(1).getStagesBuilder(1).setOutputSha256("nothex");
    assertEquals("results[1].stages[ode1].output_sha256 is not 64 lowercase hex characters: 'nothex'",
        ResponseCheck.problem(REQ, bad.build(), SHA, d));
    InferResponse.Builder missing = hashes.apply(good().toBuilder());
    missing.getResultsBuilder(0).getStagesBuilder(1).clearOutputSha256();
    assertEquals("results[0].output_sha256 for stages [mhsa] but none for [ode1] (a board that reports them must "
        + "report one per fabric stage [ode1, mhsa])", ResponseCheck.problem(REQ, missing.build(), SHA, d));
    InferResponse.Builder last = hashes.apply(good().toBuilder());
    last.getResultsBuilder(0).getStagesBuilder(2).setOutputSha256(mid);
    assertEquals("results[0].stages[mhsa].output_sha256 " + mid + " differs from fabric_output_sha256 "
        + Sha256.hex(OUT), ResponseCheck.problem(REQ, last.build(), SHA, d));
    InferResponse.Builder stem = hashes.apply(good().toBuilder());
    stem.getResultsBuilder(0).getStagesBuilder(0).setOutputSha256(mid);
    assertEquals("results[0].stages[stem] is not a fabric stage but carries output_sha256 (fabric stages: "
        + "[ode1, mhsa])", ResponseCheck.problem(REQ, stem.build(), SHA, d));
  }
}
