package org.tinyode.fpga.agent;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.security.BearerTokenInterceptor;

/**
 * A running board agent: the Board service and the standard health service on one server, every call of both
 * behind one {@link BearerTokenInterceptor}, message sizes capped at {@link BoardProtocol#MAX_MESSAGE_BYTES}.
 * The caller supplies the {@link ServerBuilder} (address and TLS credentials), see {@link #tlsBuilder}.
 */
public final class BoardServer implements AutoCloseable {
  private final Server server;
  private final String address;
  private final HealthStatusManager health = new HealthStatusManager();
  private final AtomicBoolean stopping = new AtomicBoolean();

  public BoardServer(ServerBuilder<?> builder, BoardService service, BearerTokenInterceptor auth) {
    this(builder, service, auth, "127.0.0.1");
  }

  /** {@code address}: the host clients dial (the bind address), reported by {@link #address()}. */
  public BoardServer(ServerBuilder<?> builder, BoardService service, BearerTokenInterceptor auth, String address) {
    this.address = address;
    this.server = builder.addService(service).addService(health.getHealthService()).intercept(auth)
        .maxInboundMessageSize(BoardProtocol.MAX_MESSAGE_BYTES).build();
  }

  /** A Netty builder bound to {@code bind:port} (port 0 = any free port) with TLS credentials. */
  public static ServerBuilder<?> tlsBuilder(String bind, int port, ServerCredentials tls) {
    return NettyServerBuilder.forAddress(new InetSocketAddress(bind, port), tls);
  }

  public BoardServer start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start board agent: " + e.getMessage(), e);
    }
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(BoardProtocol.SERVICE_NAME, ServingStatus.SERVING);
    return this;
  }

  /** The host clients dial. */
  public String address() {
    return address;
  }

  public boolean isTerminated() {
    return server.isTerminated();
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return server.getPort();
  }

  /**
   * Graceful stop: NOT_SERVING, no new calls, wait up to {@code grace}, then cancel what is left. Idempotent: a second
   * call (e.g. the shutdown hook after an explicit stop) only waits for termination.
   */
  public void stop(Duration grace) throws InterruptedException {
    if (!stopping.compareAndSet(false, true)) {
      server.awaitTermination(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      return;
    }
    health.enterTerminalState();
    server.shutdown();
    if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Immediate stop, as if the board died: open calls fail with UNAVAILABLE/CANCELLED. */
  public void kill() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
