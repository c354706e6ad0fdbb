package org.tinyode.fpga.security;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Client side of the bearer token: adds {@code authorization: Bearer <token>} to every call, and refuses (fails
 * the call with UNAUTHENTICATED) to send it over a channel that is not private and integrity-protected (TLS).
 */
public final class BearerToken extends CallCredentials {
  private final String header;

  public BearerToken(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("empty token");
    }
    this.header = "Bearer " + token;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
      applier.fail(Status.UNAUTHENTICATED.withDescription(
          "refusing to send the bearer token over a channel without TLS (" + info.getSecurityLevel() + ")"));
      return;
    }
    Metadata m = new Metadata();
    m.put(BearerTokenInterceptor.AUTHORIZATION, header);
    applier.apply(m);
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
