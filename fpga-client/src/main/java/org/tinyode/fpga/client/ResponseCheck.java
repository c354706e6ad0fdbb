package org.tinyode.fpga.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.SplitPoint;
import org.tinyode.fpga.proto.v1.StageReport;
import org.tinyode.fpga.protocol.Sha256;

/**
 * Consistency checks of a successful InferResponse against its request and the board's Describe, so a board
 * that returns a mangled payload is treated as failing (retried elsewhere), never counted as an answer: model
 * hash, split point, one result per example id in order, {@code num_classes} finite logits, {@code top1} = argmax
 * (lowest index on ties), a 64-hex FPGA-output hash, per-stage output hashes when sent (one per fabric stage, the last = the output
 * hash) and, when the bytes were asked for, their size and hash.
 */
public final class ResponseCheck {
  /** Stage names that are not fabric compute stages (software on the PS, or DMA transfers). */
  private static final Set<String> NOT_COMPUTED_ON_FABRIC = Set.of("stem", "head", "transfer_in", "transfer_out");

  private ResponseCheck() {}

  /** Null when consistent, else the first problem found (names the example index and field). */
  public static String problem(InferRequest req, InferResponse r, String modelSha256, BoardDescription d) {
    if (!r.getModelSha256().equals(modelSha256)) {
      return "model_sha256 " + r.getModelSha256() + ", expected " + modelSha256;
    }
    SplitPoint want = req.hasImages() ? SplitPoint.SPLIT_POINT_IMAGE : SplitPoint.SPLIT_POINT_STEM_OUTPUT;
    if (r.getSplitPoint() != want) {
      return "split_point " + r.getSplitPoint() + ", expected " + want;
    }
    if (r.getResultsCount() != req.getExampleIdsCount()) {
      return r.getResultsCount() + " results for " + req.getExampleIdsCount() + " example ids";
    }
    var f = d.getFabricOutputFormat();
    long outBytes = (long) f.getChannels() * f.getHeight() * f.getWidth();
    for (int i = 0; i < r.getResultsCount(); i++) {
      ExampleResult e = r.getResults(i);
      String where = "results[" + i + "]";
      if (!e.getExampleId().equals(req.getExampleIds(i))) {
        return where + ".example_id " + e.getExampleId() + ", expected " + req.getExampleIds(i);
      }
      if (e.getLogitsCount() != d.getNumClasses()) {
        return where + ": " + e.getLogitsCount() + " logits, board has " + d.getNumClasses() + " classes";
      }
      int top1 = 0;
      for (int k = 0; k < e.getLogitsCount(); k++) {
        if (!Float.isFinite(e.getLogits(k))) {
          return where + ".logits[" + k + "] is " + e.getLogits(k);
        }
        if (e.getLogits(k) > e.getLogits(top1)) {
          top1 = k;
        }
      }
      if (e.getTop1() != top1) {
        return where + ".top1 " + e.getTop1() + ", argmax of logits is " + top1;
      }
      if (!e.getFabricOutputSha256().matches("[0-9a-f]{64}")) {
        return where + ".fabric_output_sha256 is not 64 hex characters";
      }
      String stages = stageHashProblem(e, d);
      if (stages != null) {
        return where + stages;
      }
      if (req.getReturnFabricOutput()) {
        if (e.getFabricOutput().size() != outBytes) {
          return where + ".fabric_output has " + e.getFabricOutput().size() + " bytes, expected " + outBytes;
        }
        if (!Sha256.hex(e.getFabricOutput().toByteArray()).equals(e.getFabricOutputSha256())) {
          return where + ".fabric_output does not hash to fabric_output_sha256";
        }
      }
    }
    return null;
  }

  /**
   * Per-stage output hashes are optional, but a board that sends any must send one 64-hex hash per fabric stage
   * (its {@code stage_names} without stem, head and the
   * transfers), in order, the last equal to {@code fabric_output_sha256}.
   */
  private static String stageHashProblem(ExampleResult e, BoardDescription d) {
    List<String> hashed = new ArrayList<>();
    for (StageReport s : e.getStagesList()) {
      if (!s.getOutputSha256().isEmpty()) {
        if (!s.getOutputSha256().matches("[0-9a-f]{64}")) {
          return ".stages[" + s.getStage() + "].output_sha256 is not 64 hex characters";
        }
        hashed.add(s.getOutputSha256());
      }
    }
    if (hashed.isEmpty()) {
      return null;
    }
    long fabricStages = d.getStageNamesList().stream().filter(n -> !NOT_COMPUTED_ON_FABRIC.contains(n)).count();
    if (hashed.size() != fabricStages) {
      return ": " + hashed.size() + " stage output hashes, board has " + fabricStages + " fabric stages";
    }
    if (!hashed.get(hashed.size() - 1).equals(e.getFabricOutputSha256())) {
      return ": the last stage output hash differs from fabric_output_sha256";
    }
    return null;
  }
}
