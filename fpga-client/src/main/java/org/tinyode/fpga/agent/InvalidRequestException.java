package org.tinyode.fpga.agent;

import org.tinyode.fpga.proto.v1.RequestError;

/** A request the agent refuses; becomes an InferResponse error with {@link #code()}. */
public class InvalidRequestException extends RuntimeException {
  private final RequestError.Code code;

  public InvalidRequestException(RequestError.Code code, String message) {
    super(message);
    this.code = code;
  }

  public RequestError.Code code() {
    return code;
  }
}
