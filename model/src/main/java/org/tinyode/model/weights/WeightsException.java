package org.tinyode.model.weights;

/** A weights / safetensors file is malformed or does not match its spec; the message names the file and tensor. */
public class WeightsException extends RuntimeException {
  public WeightsException(String message) {
    super(message);
  }

  public WeightsException(String message, Throwable cause) {
    super(message, cause);
  }
}
