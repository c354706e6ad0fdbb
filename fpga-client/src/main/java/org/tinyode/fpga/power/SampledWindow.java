package org.tinyode.fpga.power;

import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.tinyode.fpga.protocol.Labelled;

/**
 * A window that samples power in a background thread every {@code interval} between open and close (plus one
 * sample at each end) and integrates the samples with the trapezoid rule. Samples are taken under the window's
 * lock, so they are in time order and none lands after the closing one. A sensor read failure in the background
 * is rethrown by {@link #close}.
 */
final class SampledWindow implements EnergyWindow {
  private final DoubleSupplier watts;
  private final LongSupplier nanoTime;
  private final String provenance;
  private long[] t = new long[16];
  private double[] p = new double[16];
  private int n;
  private boolean closed;
  private RuntimeException failure;
  private final ScheduledFuture<?> task;

  SampledWindow(DoubleSupplier watts, LongSupplier nanoTime, String provenance, ScheduledExecutorService sampler,
      long intervalNanos) {
    this.watts = watts;
    this.nanoTime = nanoTime;
    this.provenance = provenance;
    sample();
    this.task = sampler.scheduleAtFixedRate(this::sampleQuietly, intervalNanos, intervalNanos,
        TimeUnit.NANOSECONDS);
  }

  private synchronized void sample() {
    if (closed) {
      return;
    }
    double w = watts.getAsDouble();
    long now = nanoTime.getAsLong();
    if (n == t.length) {
      t = Arrays.copyOf(t, n * 2);
      p = Arrays.copyOf(p, n * 2);
    }
    t[n] = now;
    p[n] = w;
    n++;
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = e;
      }
      throw e; // ends the periodic task
    }
  }

  /** Samples taken so far (tests). */
  synchronized int samples() {
    return n;
  }

  /** The samples' times and watts (tests). */
  synchronized long[] times() {
    return Arrays.copyOf(t, n);
  }

  synchronized double[] watts() {
    return Arrays.copyOf(p, n);
  }

  @Override
  public Labelled close(StageActivity activity) {
    task.cancel(false);
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
      sample();
      closed = true;
      return new Labelled(Trapezoid.joules(t, p, n), provenance);
    }
  }
}
