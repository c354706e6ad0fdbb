/**
 * The TinyODE network itself, independent of any framework: the model spec ({@code spec}), safetensors weights
 * files ({@code weights}), the fixed-point quantizer ({@code quant}), the bit-exact integer golden model of the FPGA
 * datapath ({@code golden}) and the {@code model} command ({@code cli}). Pure Java: no Beam, no DJL.
 */
package org.tinyode.model;
