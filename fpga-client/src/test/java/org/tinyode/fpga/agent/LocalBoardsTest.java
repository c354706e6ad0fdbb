package org.tinyode.fpga.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.client.BoardChannels;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.client.BoardPool;
import org.tinyode.fpga.client.PoolResult;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.PowerSensor;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.security.BearerToken;
import org.tinyode.fpga.security.TlsFiles;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.TestCertificates;

/** Several agents in one process over TLS on 127.0.0.1: addresses, Describe, per-board faults, realtime scaling. */
class LocalBoardsTest {
  static final String SHA = "9a".repeat(32);
  @TempDir static Path dir;
  static TestCertificates.Ca ca;
  static LocalBoards.Credentials creds;

  @BeforeAll
  static void certs() throws Exception {
    ca = TestCertificates.ca(dir, "local ca");
    TestCertificates.Leaf leaf = TestCertificates.server(dir, ca);
    creds = new LocalBoards.Credentials(leaf.certPem(), leaf.keyPem(), null, LoopbackBoard.TOKEN);
  }

  private static List<BoardClient> clients(LocalBoards boards, List<ManagedChannel> channels) {
    List<BoardClient> out = new ArrayList<>();
    for (LocalBoards.Handle h : boards.handles()) {
      ManagedChannel ch = BoardChannels.open(h.address(), TlsFiles.client(ca.certPem(), null, null));
      channels.add(ch);
      out.add(new BoardClient(h.boardId(), ch, new BearerToken(LoopbackBoard.TOKEN)));
    }
    return out;
  }

  private static InferRequest request(String id) {
    return InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION).setRequestId(id).addExampleIds(id)
        .setImages(ImageBatch.newBuilder().setFormat(ImageFormat.newBuilder().setHeight(4).setWidth(4).setChannels(3))
            .addImages(ByteString.copyFrom(new byte[48]))).build();
  }

  @Test
  void startsNBoardsOnDistinctLoopbackPortsDescribingThemselvesAndStopsCleanly() throws Exception {
    List<ManagedChannel> channels = new ArrayList<>();
    LocalBoards boards = LocalBoards.start(3, new FakeSplitModel(SHA), BoardProfile.load("zcu104"), creds,
        LocalBoards.Options.defaults().faults("2:latency=1ms"));
    try {
      assertEquals(3, new HashSet<>(boards.addresses()).size());
      assertTrue(boards.addresses().stream().allMatch(a -> a.startsWith("127.0.0.1:")));
      List<BoardClient> cs = clients(boards, channels);
      for (int i = 0; i < 3; i++) {
        BoardDescription d = cs.get(i).describe(Duration.ofSeconds(10));
        assertEquals("board-" + i, d.getBoardId());
        assertEquals("emulated-board-" + i, d.getSerial());
        assertEquals(BoardProtocol.AGENT_VERSION, d.getAgentVersion());
        assertEquals(BoardProtocol.VERSION, d.getProtocolVersion());
        assertEquals("emulated", d.getFabricKind());
        assertEquals("none", d.getBitstreamId());
        assertEquals(SHA, d.getModelSha256());
        assertEquals(BoardProfile.load("zcu104").plClockHz(), d.getPlClockHz());
        assertEquals("modeled:zcu104", d.getPlClockProvenance());
        assertFalse(d.getRealtime());
        assertEquals(i == 2 ? List.of("latency=1ms") : List.of(), d.getInjectedFaultsList());
        List<String> covers = d.getPowerSensorsList().stream().map(PowerSensor::getCovers).toList();
        assertEquals(List.of("ps-software", "pl-fabric"), covers);
        PowerSensor pl = d.getPowerSensors(1);
        assertEquals("modeled", pl.getKind());
        assertEquals("modeled:zcu104", pl.getProvenance());
      }
    } finally {
      boards.close();
      for (ManagedChannel c : channels) {
        LoopbackBoard.shut(c);
      }
    }
    assertTrue(boards.handles().stream().allMatch(h -> h.server().isTerminated()));
  }

  @Test
  void realtimeBoardsAreEachOneFabricQueueSoTwoBoardsGiveAboutTwiceTheThroughput() throws Exception {
    BoardProfile slow = LoopbackBoard.slowProfile(0.010); // 10 ms of modeled fabric time per example
    double[] seconds = new double[3];
    for (int n : new int[] {1, 2}) {
      List<ManagedChannel> channels = new ArrayList<>();
      try (LocalBoards boards = LocalBoards.start(n, new FakeSplitModel(SHA), slow, creds,
          LocalBoards.Options.defaults().realtime(true).workers(4))) {
        List<BoardClient> cs = clients(boards, channels);
        assertTrue(cs.get(0).describe(Duration.ofSeconds(10)).getRealtime());
        try (BoardPool pool = BoardPool.connect(cs, SHA, new BoardPool.Options(BoardPool.Policy.LEAST_OUTSTANDING,
            3, Duration.ofSeconds(20), Duration.ofMillis(10), 3, Duration.ofSeconds(10), 4,
            Duration.ofSeconds(10)))) {
          pool.submit(request("warm-" + n)).get(20, TimeUnit.SECONDS);
          long t0 = System.nanoTime();
          List<CompletableFuture<PoolResult>> fs = new ArrayList<>();
          for (int i = 0; i < 24; i++) {
            fs.add(pool.submit(request("rt-" + n + "-" + i)));
          }
          for (CompletableFuture<PoolResult> f : fs) {
            assertTrue(f.get(20, TimeUnit.SECONDS).ok());
          }
          seconds[n] = (System.nanoTime() - t0) * 1e-9;
        }
      } finally {
        for (ManagedChannel c : channels) {
          LoopbackBoard.shut(c);
        }
      }
    }
    // one board: 24 examples through one 10 ms queue, although 4 workers and 4 in flight: >= 240 ms
    assertTrue(seconds[1] >= 0.235, "1 board: " + seconds[1] + " s");
    assertTrue(seconds[2] >= 0.115, "2 boards: " + seconds[2] + " s");
    assertTrue(seconds[1] / seconds[2] > 1.4, "speed-up " + seconds[1] / seconds[2]);
  }

  @Test
  void closingTwiceIsQuietAndLeavesEveryBoardTerminated() throws Exception {
    java.util.logging.Logger grpcHealth = java.util.logging.Logger.getLogger(
        "io.grpc.protobuf.services.HealthServiceImpl");
    List<java.util.logging.LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
          warnings.add(r);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    grpcHealth.addHandler(capture);
    try {
      LocalBoards boards = LocalBoards.start(2, new FakeSplitModel(SHA), BoardProfile.load("zcu104"), creds,
          LocalBoards.Options.defaults());
      boards.close();
      boards.close(); // e.g. an explicit stop followed by the agent's shutdown hook
      for (LocalBoards.Handle h : boards.handles()) {
        assertTrue(h.server().isTerminated(), h.boardId() + " still running");
      }
      assertTrue(warnings.isEmpty(), "gRPC warned on the second stop: "
          + warnings.stream().map(java.util.logging.LogRecord::getMessage).toList());
    } finally {
      grpcHealth.removeHandler(capture);
    }
  }
}
