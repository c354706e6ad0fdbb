package org.tinyode.fpga.testing;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tinyode.fpga.client.BoardClient;

/**
 * The boards one test starts over TLS on 127.0.0.1, each with a client channel trusting the fixture's CA;
 * {@link #close()} (after each test) kills and closes every board and channel, so the fixture can be reused.
 */
public final class LoopbackBoards implements AutoCloseable {
  private final TestCertificates.Ca ca;
  private final TestCertificates.Leaf cert;
  private final List<LoopbackBoard> boards = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  public LoopbackBoards(Path dir, String caName) throws Exception {
    this.ca = TestCertificates.ca(dir, caName);
    this.cert = TestCertificates.server(dir, ca);
  }

  /** Starts the board {@code start} builds from the server certificate; returns a client named {@code id}. */
  public BoardClient add(String id, Function<TestCertificates.Leaf, LoopbackBoard> start) {
    LoopbackBoard b = start.apply(cert);
    boards.add(b);
    ManagedChannel ch = b.channel(ca.certPem());
    channels.add(ch);
    return b.client(id, ch);
  }

  /** The boards started since the last {@link #close()}, in start order. */
  public List<LoopbackBoard> all() {
    return List.copyOf(boards);
  }

  /** The {@code i}-th board started since the last {@link #close()}. */
  public LoopbackBoard board(int i) {
    return boards.get(i);
  }

  @Override
  public void close() throws InterruptedException {
    for (ManagedChannel c : channels) {
      LoopbackBoard.shut(c);
    }
    for (LoopbackBoard b : boards) {
      b.server.kill();
      b.close();
    }
    channels.clear();
    boards.clear();
  }
}
