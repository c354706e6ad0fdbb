package org.tinyode.fpga.security;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds gRPC TLS credentials from PEM files: certificate chains (X.509 PEM) and PKCS#8 PEM private keys.
 * Mutual TLS: a server given a client CA requires ({@code ClientAuth.REQUIRE}) a client certificate signed by
 * it; a client given a certificate and key presents them.
 */
public final class TlsFiles {
  private TlsFiles() {}

  /** Server credentials; {@code clientCa} null means no client certificate is asked for. */
  public static ServerCredentials server(Path certChain, Path privateKey, Path clientCa) {
    TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder();
    try {
      b.keyManager(existing(certChain, "server certificate").toFile(), existing(privateKey, "server key").toFile());
      if (clientCa != null) {
        b.trustManager(existing(clientCa, "client CA").toFile());
        b.clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
    } catch (IOException | RuntimeException e) {
      throw new SecurityConfigException("cannot load server TLS files (" + certChain + ", " + privateKey
          + (clientCa == null ? "" : ", " + clientCa) + "): " + e.getMessage(), e);
    }
    return b.build();
  }

  /**
   * Client credentials trusting {@code trustedCa} (null: the JDK's default trust store); {@code clientCert} and
   * {@code clientKey} (both or neither) are presented for mutual TLS.
   */
  public static ChannelCredentials client(Path trustedCa, Path clientCert, Path clientKey) {
    if ((clientCert == null) != (clientKey == null)) {
      throw new SecurityConfigException("client certificate and key must be given together");
    }
    TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
    try {
      if (trustedCa != null) {
        b.trustManager(existing(trustedCa, "trusted CA").toFile());
      }
      if (clientCert != null) {
        b.keyManager(existing(clientCert, "client certificate").toFile(),
            existing(clientKey, "client key").toFile());
      }
    } catch (IOException | RuntimeException e) {
      throw new SecurityConfigException("cannot load client TLS files: " + e.getMessage(), e);
    }
    return b.build();
  }

  private static Path existing(Path p, String what) {
    if (!Files.isRegularFile(p)) {
      throw new SecurityConfigException(what + " " + p + ": no such file");
    }
    return p;
  }
}
