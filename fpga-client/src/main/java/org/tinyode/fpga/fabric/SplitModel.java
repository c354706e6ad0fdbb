package org.tinyode.fpga.fabric;

import org.tinyode.model.spec.ModelSpec;

/**
 * The network as the board splits it: a float software stem, the int8 FPGA stages, a float software head
 * (docs/fixed-point.md, section 7). Implemented over the integer golden model ({@code org.tinyode.model.golden});
 * every method is thread-safe and deterministic.
 */
public interface SplitModel {
  ModelSpec spec();

  /** SHA-256 (hex) of the quantized model file, as reported by Describe. */
  String modelSha256();

  /** Format {@code f} of the stem output edge ({@code stem.out}) = the FPGA input. */
  int stemOutputFracBits();

  /** Format {@code f} of the FPGA output edge (the last stage's output). */
  int fabricOutputFracBits();

  /** Stem: RGB HWC uint8 image ({@code spec().input()} size) to the int8 CHW FPGA input. */
  byte[] stem(byte[] imageHwc);

  /** Every FPGA stage of {@code spec().stages()} in order: int8 CHW stem output in, int8 CHW last output out. */
  byte[] runFabric(byte[] stemOutput);

  /**
   * As {@link #runFabric}, also returning the SHA-256 of every stage's int8 CHW output (the bytes the golden
   * backend hashes at {@code GoldenModel.outputTap}); {@code edit} (may be null) changes a stage's output before
   * the following stages run, and the hashes are those of the edited outputs. The default knows no per-stage
   * outputs: it returns no hashes and supports no edit.
   */
  default StagedOutput runFabricStaged(byte[] stemOutput, StageEdit edit) {
    if (edit != null) {
      throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot change a stage's output "
          + "mid-network");
    }
    return new StagedOutput(runFabric(stemOutput), java.util.List.of());
  }

  /** Head: the int8 CHW FPGA output to {@code spec().numClasses()} logits. */
  float[] head(byte[] fabricOutput);
}
