/**
 * Protocol constants and helpers shared by the board agent and the client: the protocol version both sides
 * check, message size limits, provenance-labelled values and tensor hashing. The wire types themselves are
 * generated from {@code src/main/proto/tinyode/board/v1/board.proto} into {@code org.tinyode.fpga.proto.v1}.
 */
package org.tinyode.fpga.protocol;
