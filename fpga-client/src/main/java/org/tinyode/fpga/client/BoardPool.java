package org.tinyode.fpga.client;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.RequestError;

/**
 * Spreads requests over several boards. On connect every board's Describe must report the expected model hash,
 * else that board is refused (reason in {@link #refusals()}). Each request goes to an available board (not
 * refused, not quarantined, fewer than {@code maxInFlightPerBoard} outstanding) chosen round-robin or by least
 * outstanding; requests wait in a queue while every available board is full. A transient failure (transport
 * error, deadline, INTERNAL board error) is retried after a backoff on another board when one exists, up to
 * {@code maxAttempts} attempts; input errors are not retried. A board is quarantined after
 * {@code quarantineAfter} consecutive failures and re-probed with Describe after {@code quarantineFor}. Every
 * submitted request completes its future exactly once with a {@link PoolResult}; none is dropped.
 */
public final class BoardPool implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BoardPool.class.getName());

  public enum Policy { ROUND_ROBIN, LEAST_OUTSTANDING }

  public record Options(Policy policy, int maxAttempts, Duration requestTimeout, Duration retryBackoff,
      int quarantineAfter, Duration quarantineFor, int maxInFlightPerBoard, Duration describeTimeout) {
    public static Options defaults() {
      return new Options(Policy.LEAST_OUTSTANDING, 3, Duration.ofSeconds(30), Duration.ofMillis(100), 3,
          Duration.ofSeconds(10), 4, Duration.ofSeconds(5));
    }
  }

  private static final class Board {
    final BoardClient client;
    volatile BoardDescription description;
    String id;
    int outstanding;
    int consecutiveFailures;
    boolean quarantined;
    long answered;

    Board(BoardClient client) {
      this.client = client;
    }
  }

  private static final class Job {
    final InferRequest request;
    final CompletableFuture<PoolResult> result = new CompletableFuture<>();
    final Set<Board> tried = new HashSet<>();
    final List<String> failures = new ArrayList<>();
    int attempts;

    Job(InferRequest request) {
      this.request = request;
    }
  }

  private final Options options;
  private final String modelSha256;
  private final List<Board> boards = new ArrayList<>();
  private final Map<String, String> refusals = new LinkedHashMap<>();
  private final ArrayDeque<Job> waiting = new ArrayDeque<>();
  private final Set<String> active = new HashSet<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "board-pool-timer");
    t.setDaemon(true);
    return t;
  });
  private int cursor;
  private long submitted, succeeded, failed, retries, timeouts, quarantines, corrupt;

  private BoardPool(Options options, String modelSha256) {
    this.options = options;
    this.modelSha256 = modelSha256;
  }

  /**
   * Describes every client and keeps those running {@code modelSha256}; throws {@link NoBoardException} when
   * none qualifies.
   */
  public static BoardPool connect(List<BoardClient> clients, String modelSha256, Options options) {
    BoardPool pool = new BoardPool(options, modelSha256);
    for (BoardClient c : clients) {
      BoardDescription[] seen = new BoardDescription[1];
      String reason = pool.probe(c, seen);
      if (reason == null) {
        Board b = new Board(c);
        b.description = seen[0];
        pool.boards.add(b);
      } else {
        pool.refusals.put(c.name(), reason);
        LOG.warning("board " + c.name() + " refused: " + reason);
      }
    }
    if (pool.boards.isEmpty()) {
      pool.timer.shutdownNow();
      throw new NoBoardException("no usable board: " + pool.refusals);
    }
    for (Board b : pool.boards) {
      b.id = b.client.name();
    }
    return pool;
  }

  /** Null when the board answers Describe with the expected model, else why not. */
  private String probe(BoardClient c, BoardDescription[] seen) {
    try {
      BoardDescription d = c.describe(options.describeTimeout());
      seen[0] = d;
      if (!d.getModelSha256().equals(modelSha256)) {
        return "model mismatch: board runs " + d.getModelSha256() + " (" + d.getModelName() + "), expected "
            + modelSha256;
      }
      return null;
    } catch (RuntimeException e) {
      return "Describe failed: " + describe(e);
    }
  }

  /** Boards refused at connect, with the reason. */
  public synchronized Map<String, String> refusals() {
    return Map.copyOf(refusals);
  }

  public synchronized PoolCounters counters() {
    Map<String, Long> by = new LinkedHashMap<>();
    boards.forEach(b -> by.put(b.id, b.answered));
    return new PoolCounters(submitted, succeeded, failed, retries, timeouts, quarantines, corrupt, by);
  }

  /** Submits one request (its id must be unique among requests in flight); the future never fails. */
  public CompletableFuture<PoolResult> submit(InferRequest request) {
    InferRequest req = request.getExpectedModelSha256().isEmpty()
        ? request.toBuilder().setExpectedModelSha256(modelSha256).build() : request;
    Job job = new Job(req);
    synchronized (this) {
      submitted++;
      if (!active.add(req.getRequestId())) {
        failed++;
        job.result.complete(new PoolResult(req.getRequestId(), false, null, null, 0, List.of(),
            "request id " + req.getRequestId() + " is already in flight"));
        return job.result;
      }
      dispatch(job);
    }
    return job.result;
  }

  /** Sends the job to a board, queues it when all available boards are full, or fails an attempt. */
  private void dispatch(Job job) {
    Board b = select(job);
    if (b == null) {
      if (boards.stream().anyMatch(x -> !x.quarantined)) {
        waiting.add(job);
      } else {
        attemptFailed(job, null, "no board available (all quarantined)", true);
      }
      return;
    }
    job.attempts++;
    job.tried.add(b);
    b.outstanding++;
    CompletableFuture<InferResponse> f;
    try {
      f = b.client.infer(job.request);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.orTimeout(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> done(job, b, r, e));
  }

  private Board select(Job job) {
    List<Board> ok = new ArrayList<>();
    for (Board b : boards) {
      if (!b.quarantined && b.outstanding < options.maxInFlightPerBoard()) {
        ok.add(b);
      }
    }
    if (ok.isEmpty()) {
      return null;
    }
    List<Board> fresh = ok.stream().filter(b -> !job.tried.contains(b)).toList();
    List<Board> from = fresh.isEmpty() ? ok : fresh;
    int n = boards.size();
    Board best = null;
    for (int k = 0; k < n; k++) {
      Board b = boards.get((cursor + k) % n);
      if (!from.contains(b)) {
        continue;
      }
      if (options.policy() == Policy.ROUND_ROBIN) {
        best = b;
        break;
      }
      if (best == null || b.outstanding < best.outstanding) {
        best = b;
      }
    }
    cursor = (boards.indexOf(best) + 1) % n;
    return best;
  }

  private void done(Job job, Board b, InferResponse r, Throwable e) {
    String corruptReason = e == null && !r.hasError()
        ? ResponseCheck.problem(job.request, r, modelSha256, b.description) : null;
    synchronized (this) {
      b.outstanding--;
      if (e == null && !r.hasError() && corruptReason == null) {
        b.consecutiveFailures = 0;
        b.answered++;
        succeeded++;
        active.remove(job.request.getRequestId());
        job.result.complete(new PoolResult(job.request.getRequestId(), true, r, b.id, job.attempts,
            List.copyOf(job.failures), null));
      } else if (e == null && r.hasError() && r.getError().getCode() != RequestError.Code.INTERNAL) {
        String reason = b.id + ": " + r.getError().getCode() + ": " + r.getError().getMessage();
        job.failures.add(reason);
        finish(job, reason);
      } else {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String reason;
        if (cause instanceof TimeoutException) {
          timeouts++;
          b.client.abandon(job.request.getRequestId());
          reason = "no response within " + options.requestTimeout().toMillis() + " ms";
        } else if (cause != null) {
          reason = describe(cause);
        } else if (corruptReason != null) {
          corrupt++;
          reason = "corrupt response: " + corruptReason;
        } else {
          reason = "INTERNAL: " + r.getError().getMessage();
        }
        b.consecutiveFailures++;
        if (!b.quarantined && b.consecutiveFailures >= options.quarantineAfter()) {
          quarantine(b);
        }
        attemptFailed(job, b, reason, false);
      }
      drain();
    }
  }

  private void attemptFailed(Job job, Board b, String reason, boolean noBoard) {
    if (noBoard) {
      job.attempts++;
    }
    job.failures.add((b == null ? "pool" : b.id) + ": " + reason);
    if (job.attempts >= options.maxAttempts()) {
      finish(job, "failed after " + job.attempts + " attempt(s): " + job.failures);
      return;
    }
    retries++;
    long delay = options.retryBackoff().toMillis() * (1L << Math.min(job.attempts - 1, 6));
    timer.schedule(() -> {
      synchronized (this) {
        dispatch(job);
      }
    }, delay, TimeUnit.MILLISECONDS);
  }

  private void finish(Job job, String error) {
    failed++;
    active.remove(job.request.getRequestId());
    job.result.complete(new PoolResult(job.request.getRequestId(), false, null, null, job.attempts,
        List.copyOf(job.failures), error));
  }

  private void drain() {
    while (!waiting.isEmpty()) {
      boolean room = boards.stream().anyMatch(x -> !x.quarantined && x.outstanding < options.maxInFlightPerBoard());
      boolean anyUp = boards.stream().anyMatch(x -> !x.quarantined);
      if (anyUp && !room) {
        return;
      }
      dispatch(waiting.poll());
    }
  }

  private void quarantine(Board b) {
    b.quarantined = true;
    quarantines++;
    LOG.warning("board " + b.id + " quarantined after " + b.consecutiveFailures + " consecutive failures");
    timer.schedule(() -> reprobe(b), options.quarantineFor().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reprobe(Board b) {
    BoardDescription[] seen = new BoardDescription[1];
    String reason = probe(b.client, seen);
    synchronized (this) {
      if (reason == null) {
        b.description = seen[0];
        b.quarantined = false;
        b.consecutiveFailures = 0;
        LOG.info("board " + b.id + " back in the pool");
        drain();
      } else {
        LOG.warning("board " + b.id + " still quarantined: " + reason);
        timer.schedule(() -> reprobe(b), options.quarantineFor().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private static String describe(Throwable t) {
    Status s = Status.fromThrowable(t);
    return s.getCode() == Status.Code.UNKNOWN ? t.toString() : s.getCode() + ": " + s.getDescription();
  }

  /** Stops re-probing and half-closes every board's stream; does not shut the channels (the caller owns them). */
  @Override
  public void close() {
    timer.shutdownNow();
    synchronized (this) {
      boards.forEach(b -> b.client.close());
    }
  }
}
