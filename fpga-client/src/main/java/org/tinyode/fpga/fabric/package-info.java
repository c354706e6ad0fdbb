/**
 * The fabric seam ({@link org.tinyode.fpga.fabric.Fabric}: int8 stem output in, int8 FPGA-part output out, with
 * per-stage cycles, seconds and energy) and its emulated implementation: the integer golden model for the values
 * and a cycle model from a board profile for the timing. A hardware driver implements the same seam (contract in
 * docs/board-protocol.md).
 */
package org.tinyode.fpga.fabric;
