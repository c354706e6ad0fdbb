package org.tinyode.fpga.client;

import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.SplitPoint;
import org.tinyode.fpga.protocol.Sha256;

/**
 * Consistency checks of a successful InferResponse against its request and the board's Describe, so a board
 * that returns a mangled payload is treated as failing (retried elsewhere), never counted as an answer: model
 * hash, split point, one result per example id in order, {@code num_classes} finite logits, {@code top1} = argmax
 * (lowest index on ties), a 64-hex FPGA-output hash, per-stage output hashes when sent ({@link StageHashes})
 * and, when the bytes were asked for, their size and hash.
 */
public final class ResponseCheck {
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
      try {
        StageHashes.of(e, StageHashes.fabricStages(d));
      } catch (IllegalArgumentException ex) {
        return where + "." + ex.getMessage();
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
}
