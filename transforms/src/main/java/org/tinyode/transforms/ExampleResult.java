package org.tinyode.transforms;

import java.io.Serializable;
import java.util.List;

/**
 * What one backend answered for one example: a row of the {@code predictions} table (results/SCHEMA.md).
 *
 * @param exampleId {@code <dataset>/<split>/<index>}
 * @param shard shard of the manifest
 * @param index example index in its dataset
 * @param label true class id (-1 unlabeled)
 * @param backend software | golden | fpga
 * @param top1 predicted class id
 * @param logits class scores
 * @param stages per-stage latency and energy, execution order
 * @param worker the JVM/thread (CPU backends) or board id (fpga) that ran it
 * @param modelSha256 SHA-256 of the model file
 * @param fabricOutputSha256 SHA-256 of the int8 FPGA-part output (golden and fpga; empty for software)
 * @param fabricStageSha256 per FPGA stage the SHA-256 of its int8 output (golden: its stage-output taps; fpga: the
 *     board's {@code StageReport.output_sha256} when it returns them, else empty), in stage order
 * @param fabricOutput the int8 FPGA-part output bytes when the backend was asked to keep them (compare's
 *     divergence), else null; not written to the predictions table
 */
public record ExampleResult(String exampleId, int shard, int index, int label, String backend, int top1,
    float[] logits, List<StageMeasure> stages, String worker, String modelSha256, String fabricOutputSha256,
    List<String> fabricStageSha256, byte[] fabricOutput) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ExampleResult {
    stages = List.copyOf(stages);
    fabricStageSha256 = List.copyOf(fabricStageSha256);
  }

  public boolean correct() {
    return label >= 0 && top1 == label;
  }

  /** Sum of the stage latencies. */
  public long totalLatencyNs() {
    return stages.stream().mapToLong(StageMeasure::latencyNs).sum();
  }

  /** Sum of the stage energies. */
  public double totalEnergyJ() {
    return stages.stream().mapToDouble(StageMeasure::energyJ).sum();
  }
}
