package org.tinyode.fpga.fabric;

/**
 * Changes an FPGA stage's int8 CHW output in place after the stage ran and before the next one reads it (fault
 * injection: {@code board --fault corrupt-stage=<stage>}). Called once per stage, in spec order.
 */
@FunctionalInterface
public interface StageEdit {
  void edit(String stage, byte[] output);

  /** {@code first} then {@code second}; either may be null. */
  static StageEdit both(StageEdit first, StageEdit second) {
    if (first == null) {
      return second;
    }
    if (second == null) {
      return first;
    }
    return (stage, out) -> {
      first.edit(stage, out);
      second.edit(stage, out);
    };
  }
}
