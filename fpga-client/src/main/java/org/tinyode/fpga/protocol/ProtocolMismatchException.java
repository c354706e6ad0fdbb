package org.tinyode.fpga.protocol;

/** The peer speaks another protocol version, or its description contradicts what this side needs. */
public class ProtocolMismatchException extends RuntimeException {
  public ProtocolMismatchException(String message) {
    super(message);
  }
}
