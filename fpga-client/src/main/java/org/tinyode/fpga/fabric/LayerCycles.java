package org.tinyode.fpga.fabric;

/**
 * Modeled cycles of one layer: per invocation {@code fill + max(compute, onChip) + ddr}, times
 * {@code work.repeat()}. {@code compute = ceil(ops / opsPerCycle)}, {@code onChip = ceil(bytes /
 * onChipBytesPerCycle)} (overlapped with compute), {@code ddr} = weight traffic when weights are not on chip.
 */
public record LayerCycles(LayerWork work, String engine, long fill, long compute, long onChip, long ddr,
    long perInvocation, long total) {}
