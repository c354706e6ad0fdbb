package org.tinyode.floatmodel.quant;

import ai.djl.ndarray.NDArray;

/** A software (float) conv layer with BN folded, as stored in a quantized weights file (e.g. {@code stem.conv}). */
public record FoldedLayer(NDArray weight, NDArray bias) {}
