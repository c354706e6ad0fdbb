package org.tinyode.fpga.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.agent.LocalBoards;
import org.tinyode.fpga.client.BoardChannels;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.testing.FakeSplitModel;

/** keytool-made material: owner-only files, a board serves TLS with it, a client trusting cert.pem connects. */
class EphemeralTlsTest {
  @TempDir Path dir;

  @Test
  void boardAndClientTalkOverTheEphemeralCertificateAndToken() throws Exception {
    EphemeralTls tls = EphemeralTls.create(dir);
    assertTrue(Files.readString(tls.certPem()).startsWith("-----BEGIN CERTIFICATE-----"));
    assertTrue(Files.readString(tls.keyPem()).startsWith("-----BEGIN PRIVATE KEY-----"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.keyPem())));
    assertEquals(64, tls.token().length());
    assertTrue(Files.notExists(dir.resolve("ephemeral.p12")));
    try (LocalBoards boards = LocalBoards.start(1, new FakeSplitModel("ee".repeat(32)), BoardProfile.load("zcu104"),
        LocalBoards.Credentials.of(tls), LocalBoards.Options.defaults())) {
      ManagedChannel ch = BoardChannels.open(boards.addresses().get(0), TlsFiles.client(tls.certPem(), null, null));
      try {
        BoardClient c = new BoardClient("e0", ch, new BearerToken(tls.token()));
        assertEquals("ee".repeat(32), c.describe(Duration.ofSeconds(10)).getModelSha256());
      } finally {
        ch.shutdownNow();
        ch.awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
