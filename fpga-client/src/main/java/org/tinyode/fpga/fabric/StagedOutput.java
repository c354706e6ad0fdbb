package org.tinyode.fpga.fabric;

import java.util.List;

/**
 * The FPGA part of one example: the int8 CHW output of the last stage and, per FPGA stage in spec order, the
 * SHA-256 (hex) of that stage's int8 CHW output bytes ({@code stageSha256} is empty when the model cannot tell).
 */
public record StagedOutput(byte[] output, List<String> stageSha256) {
  public StagedOutput {
    stageSha256 = List.copyOf(stageSha256);
  }

  /** A deep copy (the output array is mutable). */
  public StagedOutput copy() {
    return new StagedOutput(output.clone(), stageSha256);
  }
}
