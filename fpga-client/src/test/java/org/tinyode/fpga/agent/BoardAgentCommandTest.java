package org.tinyode.fpga.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
