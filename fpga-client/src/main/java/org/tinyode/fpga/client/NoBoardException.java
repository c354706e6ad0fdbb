package org.tinyode.fpga.client;

/** No board of a pool is usable (all refused or unreachable at connect); the message gives each board's reason. */
public class NoBoardException extends RuntimeException {
  public NoBoardException(String message) {
    super(message);
  }
}
