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

  /** Head: the int8 CHW FPGA output to {@code spec().numClasses()} logits. */
  float[] head(byte[] fabricOutput);
}
