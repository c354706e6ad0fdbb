package org.tinyode.fpga.fabric;

import org.tinyode.fpga.protocol.Labelled;

/**
 * Timing and energy of one fabric stage of one run: PL {@code cycles} (with provenance, e.g. {@code
 * modeled:zcu104} or {@code measured:pl-cycle-counter}), {@code seconds} and {@code energyJoules}, each labelled;
 * {@code outputSha256} is the SHA-256 (hex) of the stage's int8 CHW output bytes, empty for transfers and when the
 * fabric cannot tell.
 */
public record FabricStage(String stage, long cycles, String cyclesProvenance, Labelled seconds,
    Labelled energyJoules, String outputSha256) {
  public FabricStage {
    outputSha256 = outputSha256 == null ? "" : outputSha256;
  }

  /** A stage without an output hash (transfers, or a fabric that does not hash its stages). */
  public FabricStage(String stage, long cycles, String cyclesProvenance, Labelled seconds, Labelled energyJoules) {
    this(stage, cycles, cyclesProvenance, seconds, energyJoules, "");
  }
}
