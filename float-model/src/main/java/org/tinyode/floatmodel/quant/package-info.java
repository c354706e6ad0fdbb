/**
 * Fixed-point emulation on DJL tensors (docs/fixed-point.md): fake-quant with straight-through gradients for QAT,
 * exact integer evaluation of quantized files, calibration and quantized export.
 */
package org.tinyode.floatmodel.quant;
