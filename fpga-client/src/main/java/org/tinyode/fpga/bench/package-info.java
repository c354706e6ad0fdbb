/**
 * Benchmarks run by hand (main classes, never timed unit tests): throughput of pools of realtime emulated boards
 * and the client's CPU cost per image. See fpga-client/README.md for the command and the last measured output.
 */
package org.tinyode.fpga.bench;
