package org.tinyode.fpga.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away TLS material and a bearer token for agents that live and die with one local run (benchmarks,
 * {@code --boards embedded}): a self-signed EC P-256 certificate for {@code 127.0.0.1} / {@code localhost}, valid
 * two days, made with the JDK's own {@code keytool} (no extra dependency), written as {@code cert.pem} (also the
 * trust anchor clients use) and {@code key.pem} (PKCS#8), plus a random {@code token} file; all owner-only.
 */
public record EphemeralTls(Path certPem, Path keyPem, Path tokenFile) {

  /** Creates the files in {@code dir} (which must exist and be private to this run). */
  public static EphemeralTls create(Path dir) {
    Path store = dir.resolve("ephemeral.p12");
    String pass = HexFormat.of().formatHex(random(16));
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "board", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", pass, "-noprompt");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new SecurityConfigException("keytool failed: " + new String(out, StandardCharsets.UTF_8).strip());
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, pass.toCharArray());
      }
      PrivateKey key = (PrivateKey) ks.getKey("board", pass.toCharArray());
      Path cert = write(dir.resolve("cert.pem"), pem("CERTIFICATE", ks.getCertificate("board").getEncoded()));
      Path keyPem = write(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
      Path token = write(dir.resolve("token"), HexFormat.of().formatHex(random(32)) + "\n");
      return new EphemeralTls(cert, keyPem, token);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecurityConfigException("interrupted while running keytool");
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new SecurityConfigException("cannot make ephemeral TLS files in " + dir + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(store);
      } catch (IOException ignored) {
        // best effort: the keystore holds nothing the PEM files do not
      }
    }
  }

  /** The token, as {@link TokenFile} reads it. */
  public String token() {
    return TokenFile.read(tokenFile);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    return Files.writeString(file, text, StandardCharsets.US_ASCII);
  }
}
