package org.tinyode.fpga.security;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Checks {@code authorization: Bearer <token>} on every call of every service (install it once on the server, see
 * {@code BoardServer}). A refused call is closed with UNAUTHENTICATED before any handler runs, with one of three
 * descriptions: {@link #MISSING}, {@link #WRONG_SCHEME}, {@link #BAD_TOKEN}, and is logged (method, peer,
 * reason; never the token). Tokens are compared in constant time (SHA-256 digests of both, compared with
 * {@link MessageDigest#isEqual}), so neither content nor length leaks through timing.
 */
public final class BearerTokenInterceptor implements ServerInterceptor {
  public static final String MISSING = "missing bearer token: send metadata 'authorization: Bearer <token>'";
  public static final String WRONG_SCHEME = "wrong authorization scheme: expected 'Bearer <token>'";
  public static final String BAD_TOKEN = "bad bearer token";

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Logger LOG = Logger.getLogger(BearerTokenInterceptor.class.getName());
  private static final String SCHEME = "Bearer ";

  private final byte[] expectedDigest;
  private final AtomicLong refused = new AtomicLong();

  public BearerTokenInterceptor(String token) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("empty token");
    }
    this.expectedDigest = sha256(token);
  }

  /** Calls refused since start. */
  public long refusedCalls() {
    return refused.get();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String problem = check(headers.get(AUTHORIZATION));
    if (problem == null) {
      return next.startCall(call, headers);
    }
    refused.incrementAndGet();
    LOG.warning(() -> "refused " + call.getMethodDescriptor().getFullMethodName() + " from "
        + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) + ": " + problem);
    call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** Null when {@code header} carries the right token, else the refusal description. */
  String check(String header) {
    if (header == null || header.isBlank()) {
      return MISSING;
    }
    if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return WRONG_SCHEME;
    }
    byte[] presented = sha256(header.substring(SCHEME.length()).strip());
    return MessageDigest.isEqual(presented, expectedDigest) ? null : BAD_TOKEN;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
