package org.tinyode.fpga.fabric;

/** A board profile is missing or malformed; the message names the profile and the field. */
public class ProfileException extends RuntimeException {
  public ProfileException(String message) {
    super(message);
  }
}
