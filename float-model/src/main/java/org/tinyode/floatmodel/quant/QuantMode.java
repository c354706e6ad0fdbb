package org.tinyode.floatmodel.quant;

/** How the network's FPGA stages compute. */
public enum QuantMode {
  /** Plain float32 (training and the float reference). */
  FLOAT,
  /** Float32 forward that records the absolute maximum of every activation edge (no quantization). */
  CALIBRATE,
  /**
   * Quantization-aware training: BN folded from running statistics, weights and activations fake-quantized per
   * docs/fixed-point.md with straight-through gradients; activation formats frozen.
   */
  QAT,
  /** Exact integer arithmetic (held in float64) from the tensors of a quantized weights file. Inference only. */
  INTEGER
}
