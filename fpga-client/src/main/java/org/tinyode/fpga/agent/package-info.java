/**
 * The board agent: the gRPC service (Describe, Infer), the inference engine that runs stem, fabric and head per
 * example with timing and energy, the thin server wrapper and the {@code board} command.
 */
package org.tinyode.fpga.agent;
