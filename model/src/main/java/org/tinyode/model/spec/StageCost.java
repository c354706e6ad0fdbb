package org.tinyode.model.spec;

/**
 * Cost of one part of the network. {@code params}: learnable parameters (conv/FC weights and biases, BN gamma and
 * beta, relative embeddings; BN running statistics are not parameters). {@code macs}: multiply-accumulates per
 * image, counting every Euler step. {@code deployedBytes}: bytes as deployed (FPGA: int8 weights + int32 bias +
 * int8 frac per output channel + int8 embeddings; CPU: float32 with BN folded into a bias).
 */
public record StageCost(String name, String kind, String device, long params, long macs, long deployedBytes) {}
