package org.tinyode.fpga.fabric;

import java.util.List;

/**
 * What a fabric reports about itself: {@code kind} ("emulated" or a driver name), bitstream id and hash (empty
 * hash when emulated), PL clock with its provenance, its stage names in the order {@link Fabric#run} reports
 * them, and the provenance its stage energies carry ({@code modeled:<profile>}, or a driver's sensor label).
 */
public record FabricInfo(String kind, String bitstreamId, String bitstreamSha256, double plClockHz,
    String plClockProvenance, List<String> stageNames, String energyProvenance) {}
