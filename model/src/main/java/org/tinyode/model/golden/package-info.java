/**
 * The golden model: bit-exact integer inference of the FPGA datapath of docs/fixed-point.md from a quantized
 * weights file, with the float software stem and head around it, stage taps, and a parallel batch API.
 */
package org.tinyode.model.golden;
