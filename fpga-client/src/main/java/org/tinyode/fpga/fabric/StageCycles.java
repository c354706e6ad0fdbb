package org.tinyode.fpga.fabric;

import java.util.List;

/**
 * Modeled cycles and energy of one fabric stage ({@code transfer_in}, a spec stage, {@code transfer_out}).
 * {@code energyJoules} is the modeled power of every layer times its modeled time.
 */
public record StageCycles(String stage, List<LayerCycles> layers, long cycles, double seconds,
    double energyJoules) {}
