package org.tinyode.fpga.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.client.BoardChannels;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.testing.FakeSplitModel;
import org.tinyode.fpga.testing.LoopbackBoard;
import org.tinyode.fpga.testing.TestCertificates;

/** A server with {@code --client-ca} (ClientAuth.REQUIRE) over real TLS on 127.0.0.1. */
class MutualTlsTest {
  @TempDir static Path dir;
  static TestCertificates.Ca ca;
  static TestCertificates.Ca otherCa;
  static LoopbackBoard board;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCertificates.ca(dir, "board ca");
    otherCa = TestCertificates.ca(dir, "stranger ca");
    board = new LoopbackBoard("m0", new FakeSplitModel("cd".repeat(32)), TestCertificates.server(dir, ca),
        ca.certPem(), 1);
  }

  @AfterAll
  static void stop() throws Exception {
    board.close();
  }

  private static Status describe(ManagedChannel ch) throws InterruptedException {
    try {
      BoardClient c = board.client("m0", ch);
      c.describe(Duration.ofSeconds(10));
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    } finally {
      LoopbackBoard.shut(ch);
    }
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    Status s = describe(BoardChannels.open(board.target(), TlsFiles.client(ca.certPem(), null, null)));
    assertEquals(Status.Code.UNAVAILABLE, s.getCode(), s.toString());
    assertEquals(0, board.service.describeCalls());
  }

  @Test
  void clientWithCertificateFromAnotherCaIsRefused() throws Exception {
    TestCertificates.Leaf stranger = TestCertificates.client(dir, otherCa, "stranger");
    Status s = describe(BoardChannels.open(board.target(),
        TlsFiles.client(ca.certPem(), stranger.certPem(), stranger.keyPem())));
    assertEquals(Status.Code.UNAVAILABLE, s.getCode(), s.toString());
  }

  @Test
  void clientWithCertificateFromTheCaIsServed() throws Exception {
    TestCertificates.Leaf pipeline = TestCertificates.client(dir, ca, "pipeline");
    Status s = describe(BoardChannels.open(board.target(),
        TlsFiles.client(ca.certPem(), pipeline.certPem(), pipeline.keyPem())));
    assertEquals(Status.Code.OK, s.getCode(), s.toString());
  }

  @Test
  void missingFilesAreNamed() {
    SecurityConfigException e = assertThrows(SecurityConfigException.class,
        () -> TlsFiles.server(dir.resolve("nope.pem"), dir.resolve("nope.key"), null));
    assertEquals(true, e.getMessage().contains("nope.pem"), e.getMessage());
    assertThrows(SecurityConfigException.class, () -> TlsFiles.client(ca.certPem(), ca.certPem(), null));
  }
}
