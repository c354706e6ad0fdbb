package org.tinyode.fpga.agent;

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
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.client.BoardPool;
import org.tinyode.fpga.client.NoBoardException;
import org.tinyode.fpga.client.PoolCounters;
import org.tinyode.fpga.client.PoolResult;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.RequestError;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.LoopbackBoards;

/**
 * Each injected fault against a pool over real TLS on 127.0.0.1: board 0 is faulty, the others healthy. The
 * pool must finish every request exactly once (answered elsewhere, counted once), quarantine or refuse the
 * faulty board, and never hang.
 */
class FaultInjectorTest {
  static final String SHA = "34".repeat(32);
  @TempDir static Path dir;
  static LoopbackBoards boards;

  @BeforeAll
  static void certs() throws Exception {
    boards = new LoopbackBoards(dir, "fault ca");
  }

  @AfterEach
  void stopAll() throws Exception {
    boards.close();
  }

  /** Board 0 with {@code faulty}, then {@code healthy} boards without faults. */
  private List<BoardClient> start(FaultPlan faulty, int healthy) {
    List<BoardClient> clients = new ArrayList<>();
    for (int i = 0; i <= healthy; i++) {
      String id = "f" + i;
      FaultPlan plan = i == 0 ? faulty : FaultPlan.NONE;
      clients.add(boards.add(id, cert -> new LoopbackBoard(id, new FakeSplitModel(SHA), cert, null, 2, plan, false,
          BoardProfile.load("zcu104"))));
    }
    return clients;
  }

  private static InferRequest request(String id, boolean withOutput) {
    return InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).setRequestId(id).addExampleIds(id)
        .setReturnFabricOutput(withOutput)
        .setImages(ImageBatch.newBuilder().setFormat(ImageFormat.newBuilder().setHeight(4).setWidth(4).setChannels(3))
            .addImages(ByteString.copyFrom(new byte[48]))).build();
  }

  private static BoardPool.Options options(Duration timeout, int quarantineAfter) {
    return new BoardPool.Options(BoardPool.Policy.ROUND_ROBIN, 4, timeout, Duration.ofMillis(10), quarantineAfter,
        Duration.ofSeconds(60), 4, Duration.ofSeconds(10));
  }

  /** Submits n requests at once and checks every one finished ok, exactly once, within the time limit. */
  private static List<PoolResult> runAll(BoardPool pool, String prefix, int n, boolean withOutput)
      throws Exception {
    List<CompletableFuture<PoolResult>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fs.add(pool.submit(request(prefix + i, withOutput)));
    }
    List<PoolResult> rs = new ArrayList<>();
    for (CompletableFuture<PoolResult> f : fs) {
      rs.add(f.get(30, TimeUnit.SECONDS)); // never hangs
    }
    Set<String> ids = new HashSet<>();
    rs.forEach(r -> ids.add(r.requestId()));
    assertEquals(n, ids.size());
    assertTrue(rs.stream().allMatch(PoolResult::ok), () -> rs.stream().filter(r -> !r.ok()).toList().toString());
    PoolCounters c = pool.counters();
    assertEquals(n, c.succeeded());
    assertEquals(n, c.answeredBy().values().stream().mapToLong(Long::longValue).sum(), "each counted once");
    return rs;
  }

  @Test
  void latencyDelaysEveryResponseAndBeyondTheDeadlineIsRetriedElsewhere() throws Exception {
    List<BoardClient> clients = start(FaultPlan.parse("latency=80ms"), 0);
    long t0 = System.nanoTime();
    InferResponse r = clients.get(0).infer(request("slow", false)).get(10, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - t0 >= 80_000_000L);
    assertFalse(r.hasError());
    clients.get(0).close();

    List<BoardClient> two = start(FaultPlan.parse("latency=400ms"), 1).subList(0, 2);
    try (BoardPool pool = BoardPool.connect(two, SHA, options(Duration.ofMillis(150), 100))) {
      List<PoolResult> rs = runAll(pool, "lat-", 6, false);
      assertTrue(rs.stream().allMatch(x -> x.board().equals("f1")), rs.toString());
      assertTrue(pool.counters().timeouts() >= 1);
      assertTrue(rs.stream().filter(x -> x.attempts() > 1)
          .allMatch(x -> x.failures().get(0).contains("no response within 150 ms")));
    }
  }

  @Test
  void droppedResponsesTimeOutAndAreAnsweredOnceByAnotherBoard() throws Exception {
    List<BoardClient> clients = start(FaultPlan.parse("drop=0.5", "seed=3"), 1);
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(Duration.ofMillis(300), 100))) {
      runAll(pool, "drop-", 16, false);
      PoolCounters c = pool.counters();
      assertTrue(c.timeouts() >= 1, c.toString());
      assertEquals(c.timeouts(), c.retries(), c.toString());
      assertEquals(16 - c.answeredBy().get("f1"), c.answeredBy().get("f0"));
    }
  }

  @Test
  void streamResetLosesThePendingRequestsWhichAreRetriedAndTheBoardServesAgain() throws Exception {
    List<BoardClient> clients = start(FaultPlan.parse("reset-after=3"), 1);
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(Duration.ofSeconds(10), 100))) {
      runAll(pool, "reset-", 20, false);
      PoolCounters c = pool.counters();
      assertTrue(c.retries() >= 1, c.toString());
      assertEquals(0, c.timeouts());
      assertTrue(c.answeredBy().get("f0") > 3, "f0 answers again on a new stream after the reset: " + c);
    }
  }

  @Test
  void corruptPayloadIsRefusedRetriedElsewhereAndTheBoardQuarantined() throws Exception {
    List<BoardClient> clients = start(FaultPlan.parse("corrupt-payload"), 1);
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(Duration.ofSeconds(10), 2))) {
      List<PoolResult> rs = new ArrayList<>();
      for (int i = 0; i < 6; i++) { // one at a time: f0 is tried first by round robin until quarantined
        rs.add(pool.submit(request("corrupt-" + i, i % 2 == 0)).get(30, TimeUnit.SECONDS));
      }
      assertTrue(rs.stream().allMatch(r -> r.ok() && r.board().equals("f1")), rs.toString());
      assertTrue(rs.stream().anyMatch(r -> r.failures().stream().anyMatch(f -> f.startsWith("f0: corrupt response"))),
          rs.toString());
      PoolCounters c = pool.counters();
      assertEquals(2, c.corruptResponses(), c.toString());
      assertEquals(1, c.quarantines());
      assertEquals(0, c.answeredBy().get("f0"));
      assertEquals(6, c.answeredBy().get("f1"));
    }
  }

  @Test
  void wrongModelHashIsRefusedAtConnectAndByTheBoardItself() throws Exception {
    List<BoardClient> clients = start(FaultPlan.parse("wrong-model-hash"), 1);
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(Duration.ofSeconds(10), 2))) {
      assertTrue(pool.refusals().get("f0").startsWith("model mismatch"), pool.refusals().toString());
      runAll(pool, "hash-", 4, false);
      assertEquals(0, boards.board(0).engine.requestsRun());
    }
    InferResponse r = clients.get(0).infer(request("direct", false).toBuilder().setExpectedModelSha256(SHA).build())
        .get(10, TimeUnit.SECONDS);
    assertEquals(RequestError.Code.MODEL_MISMATCH, r.getError().getCode());
    List<BoardClient> onlyWrong = List.of(clients.get(0));
    NoBoardException e = assertThrows(NoBoardException.class,
        () -> BoardPool.connect(onlyWrong, SHA, options(Duration.ofSeconds(10), 2)));
    assertTrue(e.getMessage().contains("model mismatch"), e.getMessage());
    assertEquals(List.of("wrong-model-hash"),
        clients.get(0).describe(Duration.ofSeconds(5)).getInjectedFaultsList());
  }

  @Test
  void crashMidRunTheOtherBoardsFinishEveryRequestExactlyOnce() throws Exception {
    List<BoardClient> clients = start(FaultPlan.parse("crash-after=5"), 2);
    try (BoardPool pool = BoardPool.connect(clients, SHA, options(Duration.ofSeconds(10), 2))) {
      runAll(pool, "crash-", 40, false);
      PoolCounters c = pool.counters();
      assertTrue(c.answeredBy().get("f0") <= 5, c.toString());
      assertTrue(boards.board(0).faults.crashed());
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!boards.board(0).server.isTerminated() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(boards.board(0).server.isTerminated(), "the crashed board's server is down");
    }
  }
}
