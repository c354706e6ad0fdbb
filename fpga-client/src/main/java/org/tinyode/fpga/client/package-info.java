/**
 * The client side: {@link org.tinyode.fpga.client.BoardClient} over one gRPC channel and
 * {@link org.tinyode.fpga.client.BoardPool} spreading requests over several boards with retries, quarantine and
 * counters. Used by the pipeline's FPGA backend (issue #6).
 */
package org.tinyode.fpga.client;
