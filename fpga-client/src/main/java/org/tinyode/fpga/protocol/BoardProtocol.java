package org.tinyode.fpga.protocol;

import org.tinyode.fpga.proto.v1.ProtocolVersion;

/** Constants of board protocol v1 (docs/board-protocol.md). */
public final class BoardProtocol {
  /** The protocol version this build speaks; both sides refuse any other. */
  public static final ProtocolVersion VERSION = ProtocolVersion.PROTOCOL_VERSION_CURRENT;
  /** Agent software version reported by Describe. */
  public static final String AGENT_VERSION = "tinyode-board-agent/0.1.0";
  /** Default agent port (TLS). */
  public static final int DEFAULT_PORT = 50151;
  /**
   * Largest message either side accepts: 16 MiB. A batch of 256 STL-10 images (96x96x3 = 27,648 bytes each) is
   * about 7 MiB; a response with the FPGA output of 256 examples (256x6x6 int8 = 9,216 bytes each) about 2.4 MiB.
   */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  /** Most examples one InferRequest may carry. */
  public static final int MAX_BATCH = 256;
  /** gRPC health service name of the board service. */
  public static final String SERVICE_NAME = "tinyode.board.v1.Board";

  private BoardProtocol() {}

  /** Throws {@link ProtocolMismatchException} unless {@code seen} is {@link #VERSION}. */
  public static void check(ProtocolVersion seen, String where) {
    if (seen != VERSION) {
      throw new ProtocolMismatchException(where + ": protocol version " + seen.getNumber()
          + " (" + seen + "), this side speaks " + VERSION.getNumber());
    }
  }
}
