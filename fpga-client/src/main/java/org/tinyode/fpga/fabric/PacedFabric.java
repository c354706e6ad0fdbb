package org.tinyode.fpga.fabric;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Realtime pacing ({@code board --realtime}): a fabric that takes as long as the board it emulates. The values
 * come from {@code inner} (computed first, on the calling thread: that is host emulation work, not fabric time);
 * then the example takes the next slot of one fabric queue per board, {@code max(now, end of the previous slot)}
 * plus the modeled fabric seconds of this run (sum of its stages), and the caller sleeps until that slot ends.
 * So examples from every stream and worker of a board go through the fabric one at a time, like hardware, and
 * a board's throughput is at most 1 / modeled fabric time. When the host needs longer to compute the values
 * than the modeled time (the golden model on a CPU usually does), the board is slower than realtime; see
 * {@link MemoizingSplitModel}. Software stages (stem, head) run outside and add their measured time.
 */
public final class PacedFabric implements Fabric {
  /** Time source and sleeper; tests pass a fake. */
  public interface Clock {
    long nanoTime();

    void sleepUntil(long nanoTime) throws InterruptedException;
  }

  public static final Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadline) throws InterruptedException {
      for (long left; (left = deadline - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }
  };

  private final Fabric inner;
  private final Clock clock;
  private long freeAt;
  private boolean idle = true;
  private final AtomicLong examples = new AtomicLong();
  private final AtomicLong busyNanos = new AtomicLong();

  public PacedFabric(Fabric inner, Clock clock) {
    this.inner = inner;
    this.clock = clock;
  }

  public PacedFabric(Fabric inner) {
    this(inner, SYSTEM);
  }

  /** Examples paced so far. */
  public long examples() {
    return examples.get();
  }

  /** Sum of the modeled fabric time of every slot handed out, in nanoseconds. */
  public long busyNanos() {
    return busyNanos.get();
  }

  @Override
  public FabricInfo info() {
    return inner.info();
  }

  @Override
  public FabricRun run(byte[] stemOutput) {
    FabricRun run = inner.run(stemOutput);
    double seconds = 0;
    for (FabricStage s : run.stages()) {
      seconds += s.seconds().value();
    }
    long modeled = Math.round(seconds * 1e9);
    long end;
    synchronized (this) {
      long now = clock.nanoTime();
      long start = idle || now - freeAt > 0 ? now : freeAt;
      end = start + modeled;
      freeAt = end;
      idle = false;
    }
    examples.incrementAndGet();
    busyNanos.addAndGet(modeled);
    try {
      clock.sleepUntil(end);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FabricException("interrupted while waiting for the paced fabric slot");
    }
    return run;
  }

  @Override
  public void close() {
    inner.close();
  }
}
