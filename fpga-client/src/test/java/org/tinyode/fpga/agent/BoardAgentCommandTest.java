package org.tinyode.fpga.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.client.BoardChannels;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.security.BearerToken;
import org.tinyode.fpga.security.TlsFiles;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.TestCertificates;
import picocli.CommandLine;

class BoardAgentCommandTest {
  @TempDir Path dir;

  @Test
  void startsFromCommandLineOptionsWithAnInjectedModel() throws Exception {
    TestCertificates.Ca ca = TestCertificates.ca(dir, "cmd ca");
    TestCertificates.Leaf cert = TestCertificates.server(dir, ca);
    Path token = Files.writeString(dir.resolve("token"), LoopbackBoard.TOKEN + "\n");
    Path model = Files.writeString(dir.resolve("model.safetensors"), "unused by the fake");
    BoardAgentCommand cmd = new BoardAgentCommand(p -> new FakeSplitModel("77".repeat(32)));
    new CommandLine(cmd).parseArgs("--port", "0", "--bind", "127.0.0.1", "--fabric", "emulated", "--profile",
        "zcu104", "--model", model.toString(), "--token-file", token.toString(), "--cert",
        cert.certPem().toString(), "--key", cert.keyPem().toString(), "--board-id", "cli0");
    BoardServer server = cmd.start();
    ManagedChannel ch = BoardChannels.open("127.0.0.1:" + server.port(), TlsFiles.client(ca.certPem(), null, null));
    try {
      BoardDescription d = new BoardClient("cli0", ch, new BearerToken(LoopbackBoard.TOKEN))
          .describe(Duration.ofSeconds(10));
      assertEquals("cli0", d.getBoardId());
      assertEquals("77".repeat(32), d.getModelSha256());
      assertEquals("zcu104", d.getProfile());
    } finally {
      LoopbackBoard.shut(ch);
      cmd.stop();
    }
  }

  @Test
  void severalBoardsWithRealtimeMemoAndPerBoardFaults() throws Exception {
    TestCertificates.Ca ca = TestCertificates.ca(dir, "multi ca");
    TestCertificates.Leaf cert = TestCertificates.server(dir, ca);
    Path token = Files.writeString(dir.resolve("token-m"), LoopbackBoard.TOKEN + "\n");
    Path model = Files.writeString(dir.resolve("model-m.safetensors"), "unused by the fake");
    BoardAgentCommand cmd = new BoardAgentCommand(p -> new FakeSplitModel("78".repeat(32)));
    new CommandLine(cmd).parseArgs("--port", "0", "--boards", "3", "--board-id", "z", "--realtime", "--memoize",
        "16", "--fault", "1:crash-after=4", "--fault", "2:latency=2ms,drop=0.5", "--model", model.toString(),
        "--token-file", token.toString(), "--cert", cert.certPem().toString(), "--key", cert.keyPem().toString());
    LocalBoards boards = cmd.startAll();
    List<ManagedChannel> chs = new java.util.ArrayList<>();
    try {
      assertEquals(3, boards.handles().size());
      for (int i = 0; i < 3; i++) {
        ManagedChannel ch = BoardChannels.open(boards.addresses().get(i), TlsFiles.client(ca.certPem(), null, null));
        chs.add(ch);
        BoardDescription d = new BoardClient("z", ch, new BearerToken(LoopbackBoard.TOKEN))
            .describe(Duration.ofSeconds(10));
        assertEquals("z-" + i, d.getBoardId());
        assertTrue(d.getRealtime());
        assertEquals(List.of(List.of(), List.of("crash-after=4"), List.of("latency=2ms", "drop=0.5")).get(i),
            d.getInjectedFaultsList());
      }
    } finally {
      for (ManagedChannel ch : chs) {
        LoopbackBoard.shut(ch);
      }
      cmd.stop();
    }
    assertTrue(boards.handles().stream().allMatch(h -> h.server().isTerminated()));
  }

  /** The real command in a child JVM (golden loader, a tiny quantized file): stdin close and SIGTERM stop it. */
  @Test
  void childProcessPrintsAddressesAndStopsOnStdinCloseAndOnSigterm() throws Exception {
    org.tinyode.model.spec.ModelSpec spec = org.tinyode.model.spec.ModelSpec.fromJson(FakeSplitModel.SPEC_JSON);
    Path model = dir.resolve("tiny-q.safetensors");
    org.tinyode.model.quant.Quantizer.quantize(org.tinyode.model.weights.RandomWeights.floatWeights(spec, 3),
        org.tinyode.model.quant.Quantizer.defaultFracs(spec)).save(model);
    org.tinyode.fpga.security.EphemeralTls tls = org.tinyode.fpga.security.EphemeralTls.create(dir);
    for (boolean viaStdin : new boolean[] {true, false}) {
      List<String> cmd = new java.util.ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), BoardAgentCommand.class.getName(), "--boards", "2", "--port", "0",
          "--model", model.toString(), "--token-file", tls.tokenFile().toString(), "--cert",
          tls.certPem().toString(), "--key", tls.keyPem().toString()));
      if (viaStdin) {
        cmd.add("--until-stdin-closes");
      }
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        String line;
        List<String> addrs = null;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("addresses: ")) {
            addrs = List.of(line.substring(11).split(" "));
            break;
          }
        }
        assertEquals(2, addrs.size(), "addresses line");
        for (String a : addrs) {
          ManagedChannel ch = BoardChannels.open(a, TlsFiles.client(tls.certPem(), null, null));
          try {
            assertEquals(spec.name(), new BoardClient("c", ch, new BearerToken(tls.token()))
                .describe(Duration.ofSeconds(20)).getModelName());
          } finally {
            LoopbackBoard.shut(ch);
          }
        }
        if (viaStdin) {
          p.getOutputStream().close();
          assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stopped after stdin closed");
          assertEquals(0, p.exitValue());
        } else {
          p.destroy(); // SIGTERM: the shutdown hook stops every board
          assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stopped after SIGTERM");
          assertEquals(143, p.exitValue());
        }
      } finally {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void badFaultSpecIsBadInput() throws Exception {
    TestCertificates.Ca ca = TestCertificates.ca(dir, "f ca");
    TestCertificates.Leaf cert = TestCertificates.server(dir, ca);
    Path token = Files.writeString(dir.resolve("token-f"), LoopbackBoard.TOKEN + "\n");
    int rc = new CommandLine(new BoardAgentCommand(p -> new FakeSplitModel("77".repeat(32)))).execute("--port", "0",
        "--model", token.toString(), "--token-file", token.toString(), "--cert", cert.certPem().toString(), "--key",
        cert.keyPem().toString(), "--fault", "explode");
    assertEquals(1, rc);
  }

  @Test
  void badInputExitsOneAndUsageExitsTwo() throws Exception {
    Path model = Files.writeString(dir.resolve("m"), "x");
    BoardAgentCommand cmd = new BoardAgentCommand(p -> new FakeSplitModel("77".repeat(32)));
    int bad = new CommandLine(cmd).execute("--port", "0", "--model", model.toString(), "--token-file",
        dir.resolve("missing-token").toString(), "--cert", "c", "--key", "k");
    assertEquals(1, bad);
    int usage = new CommandLine(new BoardAgentCommand()).execute("--port", "0");
    assertEquals(2, usage);
  }

  @Test
  void defaultLoaderReportsABadModelFileAsBadInput() throws Exception {
    TestCertificates.Ca ca = TestCertificates.ca(dir, "cmd2 ca");
    TestCertificates.Leaf cert = TestCertificates.server(dir, ca);
    Path token = Files.writeString(dir.resolve("token2"), LoopbackBoard.TOKEN + "\n");
    Path notWeights = Files.writeString(dir.resolve("not.safetensors"), "not a safetensors file");
    int rc = new CommandLine(new BoardAgentCommand()).execute("--port", "0", "--model", notWeights.toString(),
        "--token-file", token.toString(), "--cert", cert.certPem().toString(), "--key", cert.keyPem().toString());
    assertEquals(1, rc);
  }
}
