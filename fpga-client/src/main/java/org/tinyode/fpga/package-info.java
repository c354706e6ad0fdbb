/**
 * The FPGA board path: the gRPC protocol, the client with its board pool, and the board agent with an emulated
 * fabric. Pure Java: never imports Beam, Flink or DJL (the enforcer's {@code pure-modules} rule checks the
 * dependency tree), so the agent can run on a board. Content arrives with issue #5.
 */
package org.tinyode.fpga;
