package org.tinyode.fpga.client;

import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.BoardGrpc;
import org.tinyode.fpga.proto.v1.DescribeRequest;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.protocol.ProtocolMismatchException;

/**
 * A thin client of one board over a {@link Channel} it does not own. {@link #describe} is unary; {@link #infer}
 * multiplexes requests over one Infer stream (opened on first use and reopened after it fails) and completes each
 * future with the response carrying its request id. When the stream fails, every pending future fails with the
 * stream's status; responses with an unknown id or another protocol version fail the stream.
 */
public final class BoardClient implements AutoCloseable {
  private final String name;
  private final BoardGrpc.BoardBlockingStub blocking;
  private final BoardGrpc.BoardStub async;
  private Session session;

  public BoardClient(String name, Channel channel, CallCredentials credentials) {
    this.name = name;
    this.blocking = BoardGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    this.async = BoardGrpc.newStub(channel).withCallCredentials(credentials);
  }

  public String name() {
    return name;
  }

  /** Describe with a deadline; checks the protocol version of the answer. */
  public BoardDescription describe(Duration deadline) {
    BoardDescription d = blocking.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
        .describe(DescribeRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).build());
    BoardProtocol.check(d.getProtocolVersion(), "board " + name + " Describe");
    return d;
  }

  /** Sends {@code req} on the shared stream; the future completes with its response or the stream's failure. */
  public synchronized CompletableFuture<InferResponse> infer(InferRequest req) {
    if (session == null || session.closed) {
      session = new Session();
      async.infer(session); // beforeStart hands the session its request stream
    }
    return session.send(req);
  }

  /** Forgets a request the caller gave up on (e.g. after its deadline); a late response is then ignored. */
  public synchronized void abandon(String requestId) {
    if (session != null) {
      session.forget(requestId);
    }
  }

  /** Number of requests sent and not answered yet. */
  public synchronized int outstanding() {
    return session == null ? 0 : session.pendingCount();
  }

  /** Half-closes the stream (the agent finishes what it has and completes). */
  @Override
  public synchronized void close() {
    if (session != null && !session.closed) {
      session.requests.onCompleted();
    }
  }

  private final class Session implements ClientResponseObserver<InferRequest, InferResponse> {
    private final Map<String, CompletableFuture<InferResponse>> pending = new HashMap<>();
    private final java.util.Set<String> abandoned = new java.util.HashSet<>();
    private ClientCallStreamObserver<InferRequest> requests;
    private volatile boolean closed;

    @Override
    public void beforeStart(ClientCallStreamObserver<InferRequest> stream) {
      this.requests = stream;
    }

    synchronized CompletableFuture<InferResponse> send(InferRequest req) {
      CompletableFuture<InferResponse> f = new CompletableFuture<>();
      if (closed) {
        f.completeExceptionally(Status.UNAVAILABLE.withDescription("Infer stream to board " + name
            + " closed").asRuntimeException());
        return f;
      }
      if (pending.putIfAbsent(req.getRequestId(), f) != null) {
        f.completeExceptionally(new IllegalArgumentException("request id " + req.getRequestId()
            + " already in flight on board " + name));
        return f;
      }
      requests.onNext(req);
      return f;
    }

    synchronized void forget(String requestId) {
      pending.remove(requestId);
      abandoned.add(requestId);
    }

    synchronized int pendingCount() {
      return pending.size();
    }

    @Override
    public void onNext(InferResponse r) {
      CompletableFuture<InferResponse> f;
      synchronized (this) {
        f = pending.remove(r.getRequestId());
        if (f == null && abandoned.remove(r.getRequestId())) {
          return; // answered after the caller gave up: ignore
        }
      }
      if (r.getProtocolVersion() != BoardProtocol.VERSION || f == null) {
        String why = f == null ? "response for unknown request id " + r.getRequestId()
            : "response protocol version " + r.getProtocolVersion().getNumber();
        if (f != null) {
          f.completeExceptionally(new ProtocolMismatchException("board " + name + ": " + why));
        }
        requests.cancel(why, null);
        return;
      }
      f.complete(r);
    }

    @Override
    public void onError(Throwable t) {
      fail(Status.fromThrowable(t).asRuntimeException());
    }

    @Override
    public void onCompleted() {
      fail(Status.UNAVAILABLE.withDescription("board " + name + " ended the Infer stream").asRuntimeException());
    }

    private void fail(RuntimeException e) {
      List<CompletableFuture<InferResponse>> left;
      synchronized (this) {
        closed = true;
        left = List.copyOf(pending.values());
        pending.clear();
      }
      left.forEach(f -> f.completeExceptionally(e));
    }
  }
}
