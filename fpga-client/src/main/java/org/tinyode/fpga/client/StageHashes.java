package org.tinyode.fpga.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.StageReport;

/**
 * The per-stage output hashes of one board result ({@code StageReport.output_sha256}), read in fabric-stage order.
 * They are optional, but a board that sends any must send exactly one 64-lowercase-hex hash per fabric stage (its
 * {@code stage_names} without stem, head and the transfers), each stage once, the last equal to
 * {@code fabric_output_sha256}. The board pool refuses a response that breaks this ({@link ResponseCheck}); the
 * fpga backend reads the hashes with the same rule to locate golden vs fpga divergence per stage.
 */
public final class StageHashes {
  /** Stage names that are not fabric compute stages (software on the PS, or DMA transfers). */
  private static final Set<String> NOT_COMPUTED_ON_FABRIC = Set.of("stem", "head", "transfer_in", "transfer_out");

  private StageHashes() {}

  /** The fabric compute stages of a board, in its order. */
  public static List<String> fabricStages(BoardDescription d) {
    return d.getStageNamesList().stream().filter(n -> !NOT_COMPUTED_ON_FABRIC.contains(n)).toList();
  }

  /**
   * One hash per fabric stage in {@code fabricStages} order, or an empty list when the board sent none.
   *
   * @throws IllegalArgumentException naming the stage and field when the hashes break the rule above
   */
  public static List<String> of(ExampleResult r, List<String> fabricStages) {
    Map<String, String> byStage = new LinkedHashMap<>();
    for (StageReport s : r.getStagesList()) {
      String h = s.getOutputSha256();
      if (h.isEmpty()) {
        continue;
      }
      if (!fabricStages.contains(s.getStage())) {
        throw new IllegalArgumentException("stages[" + s.getStage() + "] is not a fabric stage but carries "
            + "output_sha256 (fabric stages: " + fabricStages + ")");
      }
      if (byStage.put(s.getStage(), h) != null) {
        throw new IllegalArgumentException("stages[" + s.getStage() + "] is reported twice");
      }
      if (!h.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("stages[" + s.getStage() + "].output_sha256 is not 64 lowercase hex "
            + "characters: '" + h + "'");
      }
    }
    if (byStage.isEmpty()) {
      return List.of();
    }
    List<String> missing = fabricStages.stream().filter(n -> !byStage.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("output_sha256 for stages " + byStage.keySet() + " but none for " + missing
          + " (a board that reports them must report one per fabric stage " + fabricStages + ")");
    }
    List<String> out = fabricStages.stream().map(byStage::get).toList();
    String last = out.get(out.size() - 1);
    if (!last.equals(r.getFabricOutputSha256())) {
      throw new IllegalArgumentException("stages[" + fabricStages.get(fabricStages.size() - 1) + "].output_sha256 "
          + last + " differs from fabric_output_sha256 " + r.getFabricOutputSha256());
    }
    return out;
  }
}
