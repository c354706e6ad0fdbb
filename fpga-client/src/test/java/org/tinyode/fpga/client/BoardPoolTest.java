package org.tinyode.fpga.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.LoopbackBoards;

/** Pools of emulated boards over real TLS on 127.0.0.1: distribution, failures, quarantine, refusals. */
class BoardPoolTest {
  static final String SHA = "12".repeat(32);
  @TempDir static Path dir;
  static LoopbackBoards boards;

  @BeforeAll
  static void certs() throws Exception {
    boards = new LoopbackBoards(dir, "pool ca");
  }

  @AfterEach
  void stopAll() throws Exception {
    boards.close();
  }

  private List<BoardClient> start(FakeSplitModel... models) {
    List<BoardClient> clients = new ArrayList<>();
    for (int i = 0; i < models.length; i++) {
      String id = "p" + i;
      FakeSplitModel model = models[i];
      clients.add(boards.add(id, cert -> new LoopbackBoard(id, model, cert, null, 1)));
    }
    return clients;
  }

  private static InferRequest request(String id) {
    return InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).setRequestId(id).addExampleIds(id)
        .setImages(ImageBatch.newBuilder().setFormat(ImageFormat.newBuilder().setHeight(4).setWidth(4).setChannels(3))
            .addImages(ByteString.copyFrom(new byte[48]))).build();
  }

  private static BoardPool.Options options(BoardPool.Policy policy, Duration timeout, int window) {
    return new BoardPool.Options(policy, 3, timeout, Duration.ofMillis(20), 2, Duration.ofSeconds(30), window,
        Duration.ofSeconds(10));
  }

  private static List<PoolResult> all(List<CompletableFuture<PoolResult>> fs) throws Exception {
    List<PoolResult> out = new ArrayList<>();
    for (CompletableFuture<PoolResult> f : fs) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  @Test
  void roundRobinSpreadsSequentialRequestsEvenly() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel(SHA), new FakeSplitModel(SHA), new FakeSplitModel(SHA));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.ROUND_ROBIN,
        Duration.ofSeconds(20), 4))) {
      for (int i = 0; i < 9; i++) {
        assertTrue(pool.submit(request("rr-" + i)).get(20, TimeUnit.SECONDS).ok());
      }
      assertEquals(List.of(3L, 3L, 3L), List.copyOf(pool.counters().answeredBy().values()));
    }
  }

  @Test
  void leastOutstandingFavoursTheFastBoard() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel(SHA).delay(40), new FakeSplitModel(SHA));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.LEAST_OUTSTANDING,
        Duration.ofSeconds(20), 2))) {
      List<CompletableFuture<PoolResult>> fs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        fs.add(pool.submit(request("lo-" + i)));
      }
      List<PoolResult> rs = all(fs);
      assertTrue(rs.stream().allMatch(PoolResult::ok));
      long slow = pool.counters().answeredBy().get("p0");
      long fast = pool.counters().answeredBy().get("p1");
      assertEquals(30, slow + fast);
      assertTrue(fast > slow, "fast " + fast + " vs slow " + slow);
    }
  }

  @Test
  void boardKilledMidRunEveryRequestFinishesExactlyOnce() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel(SHA).delay(5), new FakeSplitModel(SHA).delay(5),
        new FakeSplitModel(SHA).delay(5));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.LEAST_OUTSTANDING,
        Duration.ofSeconds(20), 3))) {
      List<CompletableFuture<PoolResult>> fs = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        fs.add(pool.submit(request("k-" + i)));
        if (i == 20) {
          boards.board(1).server.kill();
        }
      }
      List<PoolResult> rs = all(fs);
      Set<String> ids = new HashSet<>();
      rs.forEach(r -> ids.add(r.requestId()));
      assertEquals(60, ids.size());
      assertTrue(rs.stream().allMatch(PoolResult::ok), () -> rs.stream().filter(r -> !r.ok()).toList().toString());
      PoolCounters c = pool.counters();
      assertEquals(60, c.succeeded());
      assertEquals(0, c.failed());
      assertTrue(c.retries() >= 1, "requests in flight on the killed board were retried: " + c);
      assertEquals(60, c.answeredBy().values().stream().mapToLong(Long::longValue).sum());
      assertTrue(rs.stream().noneMatch(r -> "p1".equals(r.board()) && r.attempts() > 1));
      rs.stream().filter(r -> r.attempts() > 1).forEach(r -> assertFalse(r.failures().isEmpty()));
    }
  }

  @Test
  void internalBoardFailureIsRetriedElsewhereAndReported() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel(SHA).failing(true), new FakeSplitModel(SHA));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.ROUND_ROBIN,
        Duration.ofSeconds(20), 4))) {
      List<PoolResult> rs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        rs.add(pool.submit(request("f-" + i)).get(20, TimeUnit.SECONDS));
      }
      assertTrue(rs.stream().allMatch(r -> r.ok() && r.board().equals("p1")));
      assertTrue(rs.stream().anyMatch(r -> r.attempts() == 2 && r.failures().get(0).startsWith("p0: INTERNAL")),
          rs.toString());
      PoolCounters c = pool.counters();
      assertEquals(1, c.quarantines(), "p0 quarantined after 2 consecutive failures");
      assertTrue(c.retries() >= 2);
    }
  }

  @Test
  void everyBoardDownFailsEveryRequestClearlyAndBounded() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel(SHA), new FakeSplitModel(SHA));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.ROUND_ROBIN,
        Duration.ofSeconds(5), 4))) {
      for (LoopbackBoard b : boards.all()) {
        b.server.kill();
      }
      long t0 = System.nanoTime();
      List<CompletableFuture<PoolResult>> fs = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        fs.add(pool.submit(request("d-" + i)));
      }
      List<PoolResult> rs = all(fs);
      assertTrue((System.nanoTime() - t0) < 30e9);
      for (PoolResult r : rs) {
        assertFalse(r.ok());
        assertEquals(3, r.attempts(), r.toString());
        assertTrue(r.error().startsWith("failed after 3 attempt(s)"), r.error());
      }
      assertEquals(10, pool.counters().failed());
    }
  }

  @Test
  void timeoutIsCountedAndRetriedOnAnotherBoard() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel(SHA).delay(3000), new FakeSplitModel(SHA));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.ROUND_ROBIN,
        Duration.ofMillis(500), 4))) {
      PoolResult r = pool.submit(request("t-0")).get(20, TimeUnit.SECONDS);
      assertTrue(r.ok());
      assertEquals("p1", r.board());
      assertEquals(2, r.attempts());
      assertTrue(r.failures().get(0).contains("no response within 500 ms"), r.failures().toString());
      assertEquals(1, pool.counters().timeouts());
    }
  }

  @Test
  void boardWithAnotherModelIsRefusedAtConnect() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel("99".repeat(32)), new FakeSplitModel(SHA));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.ROUND_ROBIN,
        Duration.ofSeconds(20), 4))) {
      assertTrue(pool.refusals().get("p0").startsWith("model mismatch"), pool.refusals().toString());
      assertTrue(pool.submit(request("m-0")).get(20, TimeUnit.SECONDS).ok());
      assertEquals(0, boards.board(0).engine.requestsRun());
    }
    List<BoardClient> wrongOnly = List.of(start(new FakeSplitModel("98".repeat(32))).get(0));
    NoBoardException e = assertThrows(NoBoardException.class, () -> BoardPool.connect(wrongOnly, SHA,
        options(BoardPool.Policy.ROUND_ROBIN, Duration.ofSeconds(20), 4)));
    assertTrue(e.getMessage().contains("model mismatch"), e.getMessage());
  }

  @Test
  void duplicateIdInFlightIsReportedNotDropped() throws Exception {
    List<BoardClient> clients = start(new FakeSplitModel(SHA).delay(200));
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(BoardPool.Policy.ROUND_ROBIN,
        Duration.ofSeconds(20), 4))) {
      CompletableFuture<PoolResult> first = pool.submit(request("dup"));
      PoolResult second = pool.submit(request("dup")).get(5, TimeUnit.SECONDS);
      assertFalse(second.ok());
      assertTrue(second.error().contains("already in flight"));
      assertTrue(first.get(20, TimeUnit.SECONDS).ok());
      assertEquals(1, boards.board(0).fake().fabricRuns.get());
    }
  }
}
