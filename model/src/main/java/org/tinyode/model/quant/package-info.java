/**
 * The fixed-point arithmetic of docs/fixed-point.md as reusable static methods ({@link
 * org.tinyode.model.quant.FixedPoint}, {@link org.tinyode.model.quant.Folding}, {@link
 * org.tinyode.model.quant.IntSoftmax}) and the {@link org.tinyode.model.quant.Quantizer} that turns a float
 * weights file into a quantized one. The DJL fake-quant calls the same methods.
 */
package org.tinyode.model.quant;
