package org.tinyode.fpga.security;

/** A token, certificate or key file is missing or unusable; the message names the file. */
public class SecurityConfigException extends RuntimeException {
  public SecurityConfigException(String message) {
    super(message);
  }

  public SecurityConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
