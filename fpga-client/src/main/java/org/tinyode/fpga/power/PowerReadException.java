package org.tinyode.fpga.power;

/** A power sensor file is missing, unreadable or malformed; the message names the file. */
public class PowerReadException extends RuntimeException {
  public PowerReadException(String message) {
    super(message);
  }
}
