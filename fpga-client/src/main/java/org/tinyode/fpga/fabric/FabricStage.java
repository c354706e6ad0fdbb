package org.tinyode.fpga.fabric;

import org.tinyode.fpga.protocol.Labelled;

/**
 * Timing and energy of one fabric stage of one run: PL {@code cycles} (with provenance, e.g. {@code
 * modeled:zcu104} or {@code measured:pl-cycle-counter}), {@code seconds} and {@code energyJoules}, each labelled.
 */
public record FabricStage(String stage, long cycles, String cyclesProvenance, Labelled seconds,
    Labelled energyJoules) {}
