package org.tinyode.fpga.fabric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.protocol.Labelled;

/** Slots of one fabric queue on a fake clock (hand-checked), and real pacing on the system clock. */
class PacedFabricTest {
  /** Two stages of 2 ms + 3 ms = 5 ms modeled per example; output echoes the input. */
  static final class FiveMsFabric implements Fabric {
    @Override
    public FabricInfo info() {
      return new FabricInfo("emulated", "none", "", 1e6, "modeled:test", List.of("a", "b"), "modeled:test");
    }

    @Override
    public FabricRun run(byte[] in) {
      return new FabricRun(in.clone(), List.of(stage("a", 0.002), stage("b", 0.003)));
    }

    private static FabricStage stage(String name, double s) {
      return new FabricStage(name, Math.round(s * 1e6), "modeled:test", Labelled.modeled(s, "test"),
          Labelled.modeled(0, "test"));
    }

    @Override
    public void close() {}
  }

  /** A clock the test sets; sleepUntil records the deadline and returns at once. */
  static final class FakeClock implements PacedFabric.Clock {
    long now;
    final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized long nanoTime() {
      return now;
    }

    @Override
    public void sleepUntil(long deadline) {
      sleeps.add(deadline);
    }
  }

  @Test
  void backToBackExamplesQueueBehindEachOtherAndAnIdleFabricStartsNow() {
    FakeClock clock = new FakeClock();
    PacedFabric f = new PacedFabric(new FiveMsFabric(), clock);
    clock.now = 1_000_000_000L;
    assertArrayEquals(new byte[] {7}, f.run(new byte[] {7}).output());
    f.run(new byte[] {8}); // arrives at the same instant: waits for the first slot
    f.run(new byte[] {9});
    clock.now = 1_020_000_000L; // 20 ms later the queue (ended at +15 ms) is idle
    f.run(new byte[] {1});
    clock.now = 1_022_000_000L; // busy until +25 ms
    f.run(new byte[] {2});
    assertEquals(List.of(1_005_000_000L, 1_010_000_000L, 1_015_000_000L, 1_025_000_000L, 1_030_000_000L),
        clock.sleeps);
    assertEquals(5, f.examples());
    assertEquals(25_000_000L, f.busyNanos());
  }

  @Test
  void concurrentCallersGoThroughTheFabricOneAtATimeOnTheSystemClock() throws Exception {
    PacedFabric f = new PacedFabric(new FiveMsFabric());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    long t0 = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      pool.execute(() -> {
        try {
          go.await();
          for (int k = 0; k < 5; k++) {
            f.run(new byte[] {1});
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    go.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    double seconds = (System.nanoTime() - t0) * 1e-9;
    // 20 examples x 5 ms through one queue: at least 100 ms even with 4 callers
    assertTrue(seconds >= 0.099, "took " + seconds + " s");
    assertTrue(seconds < 2.0, "took " + seconds + " s");
    assertEquals(20, f.examples());
  }
}
