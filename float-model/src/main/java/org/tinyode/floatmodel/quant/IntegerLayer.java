package org.tinyode.floatmodel.quant;

import ai.djl.ndarray.NDArray;

/**
 * One FPGA conv layer of a quantized weights file, as float64 arrays holding integers.
 *
 * @param weightQ {@code <L>.weight_q} as float64, shape {@code [out, in, k, k]}
 * @param weightFrac {@code <L>.weight_frac} ({@code fw[c]})
 * @param biasQ {@code <L>.bias_q} as float64, shape {@code [out]}
 */
public record IntegerLayer(NDArray weightQ, int[] weightFrac, NDArray biasQ) {}
