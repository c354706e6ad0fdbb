package org.tinyode.fpga.fabric;

/**
 * The work of one fabric layer invocation, run {@code repeat} times (e.g. once per Euler step): {@code ops}
 * operations of layer type {@code type} (MACs; softmax: elements), {@code onChipBytes} of activations read and
 * written in on-chip buffers, {@code weightBytes} of weights (int8 weights + int32 biases + embeddings).
 */
public record LayerWork(String name, String type, long ops, long onChipBytes, long weightBytes, int repeat) {}
