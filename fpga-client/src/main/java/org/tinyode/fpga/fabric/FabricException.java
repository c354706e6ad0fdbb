package org.tinyode.fpga.fabric;

/** The fabric could not run an example (bad input size, device error); the message says which and why. */
public class FabricException extends RuntimeException {
  public FabricException(String message) {
    super(message);
  }

  public FabricException(String message, Throwable cause) {
    super(message, cause);
  }
}
