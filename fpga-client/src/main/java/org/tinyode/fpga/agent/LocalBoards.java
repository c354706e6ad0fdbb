package org.tinyode.fpga.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.fabric.CycleModel;
import org.tinyode.fpga.fabric.EmulatedFabric;
import org.tinyode.fpga.fabric.Fabric;
import org.tinyode.fpga.fabric.PacedFabric;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.fpga.power.ModeledPowerMonitor;
import org.tinyode.fpga.power.PowerMonitor;
import org.tinyode.fpga.security.BearerTokenInterceptor;
import org.tinyode.fpga.security.EphemeralTls;
import org.tinyode.fpga.security.TlsFiles;

/**
 * N emulated board agents in this process, each its own TLS server on {@code bind} (port {@code basePort + i},
 * or any free port when {@code basePort} is 0), its own fabric (one fabric queue each when realtime) and worker
 * threads, all sharing one {@link SplitModel}. Used by {@code board --boards N}, benchmarks and embedded pools:
 * <pre>{@code
 * try (LocalBoards boards = LocalBoards.start(4, model, BoardProfile.load("zcu104"),
 *     LocalBoards.Credentials.of(EphemeralTls.create(dir)), LocalBoards.Options.defaults().realtime(true))) {
 *   boards.addresses(); // ["127.0.0.1:41233", ...]
 * }
 * }</pre>
 */
public final class LocalBoards implements AutoCloseable {
  /** Server TLS files, optional client CA (mutual TLS), and the bearer token every call must carry. */
  public record Credentials(Path certPem, Path keyPem, Path clientCa, String token) {
    public static Credentials of(EphemeralTls tls) {
      return new Credentials(tls.certPem(), tls.keyPem(), null, tls.token());
    }
  }

  /**
   * {@code workers}: request threads per board; {@code faults}: fault specs ({@link FaultPlan#parse(List, int)},
   * {@code <i>:} prefixes target one board); {@code boardIds}: id of board i; {@code power}: software-stage
   * power monitor (null = modeled from the profile).
   */
  public record Options(String bind, int basePort, int workers, boolean realtime, List<String> faults,
      IntFunction<String> boardIds, Supplier<PowerMonitor> power) {
    public static Options defaults() {
      return new Options("127.0.0.1", 0, 2, false, List.of(), i -> "board-" + i, null);
    }

    public Options realtime(boolean on) {
      return new Options(bind, basePort, workers, on, faults, boardIds, power);
    }

    public Options faults(String... specs) {
      return new Options(bind, basePort, workers, realtime, List.of(specs), boardIds, power);
    }

    public Options ports(String bindAddress, int firstPort) {
      return new Options(bindAddress, firstPort, workers, realtime, faults, boardIds, power);
    }

    public Options workers(int n) {
      return new Options(bind, basePort, n, realtime, faults, boardIds, power);
    }

    public Options boardIds(IntFunction<String> ids) {
      return new Options(bind, basePort, workers, realtime, faults, ids, power);
    }

    public Options power(Supplier<PowerMonitor> monitor) {
      return new Options(bind, basePort, workers, realtime, faults, boardIds, monitor);
    }
  }

  /** One running board. */
  public static final class Handle {
    private final String boardId;
    private final BoardServer server;
    private final BoardService service;
    private final ExecutorService workers;

    private Handle(String boardId, BoardServer server, BoardService service, ExecutorService workers) {
      this.boardId = boardId;
      this.server = server;
      this.service = service;
      this.workers = workers;
    }

    public String boardId() {
      return boardId;
    }

    public int port() {
      return server.port();
    }

    /** {@code host:port} to dial. */
    public String address() {
      return server.address() + ":" + server.port();
    }

    public BoardServer server() {
      return server;
    }

    public BoardService service() {
      return service;
    }

    /** True once an injected {@code crash-after} fault has fired. */
    public boolean crashed() {
      return service.faults().crashed();
    }

    /** Stops this board at once, as if it died. */
    public void kill() throws InterruptedException {
      server.kill();
      workers.shutdownNow();
    }

    void stop(Duration grace) throws InterruptedException {
      server.stop(grace);
      workers.shutdownNow();
    }
  }

  private final List<Handle> handles;

  private LocalBoards(List<Handle> handles) {
    this.handles = List.copyOf(handles);
  }

  /** Starts {@code n} boards; on any failure stops those already started and rethrows. */
  public static LocalBoards start(int n, SplitModel model, BoardProfile profile, Credentials creds, Options o) {
    if (n < 1 || o.workers() < 1) {
      throw new IllegalArgumentException("need at least one board and one worker, got " + n + " boards, "
          + o.workers() + " workers");
    }
    List<Handle> started = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        started.add(startOne(i, model, profile, creds, o));
      }
    } catch (RuntimeException e) {
      new LocalBoards(started).close();
      throw e;
    }
    return new LocalBoards(started);
  }

  private static Handle startOne(int i, SplitModel model, BoardProfile profile, Credentials creds, Options o) {
    String id = o.boardIds().apply(i);
    FaultInjector faults = new FaultInjector(FaultPlan.parse(o.faults(), i));
    SplitModel claimed = faults.model(model);
    Fabric fabric = new EmulatedFabric(claimed, profile);
    if (o.realtime()) {
      fabric = new PacedFabric(fabric);
    }
    PowerMonitor monitor = o.power() != null ? o.power().get() : new ModeledPowerMonitor(profile);
    InferenceEngine engine = new InferenceEngine(id, claimed, fabric, monitor, new CycleModel(profile));
    ExecutorService workers = Executors.newFixedThreadPool(o.workers(), r -> {
      Thread t = new Thread(r, "board-worker-" + id);
      t.setDaemon(true);
      return t;
    });
    BoardService service = new BoardService(engine, workers, "emulated-" + id, profile.name(), faults);
    int port = o.basePort() == 0 ? 0 : o.basePort() + i;
    BoardServer server;
    try {
      server = new BoardServer(BoardServer.tlsBuilder(o.bind(), port,
          TlsFiles.server(creds.certPem(), creds.keyPem(), creds.clientCa())), service,
          new BearerTokenInterceptor(creds.token()), o.bind()).start();
    } catch (RuntimeException e) {
      workers.shutdownNow();
      throw e;
    }
    Handle h = new Handle(id, server, service, workers);
    faults.onCrash(() -> {
      try {
        h.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return h;
  }

  public List<Handle> handles() {
    return handles;
  }

  public List<String> addresses() {
    return handles.stream().map(Handle::address).toList();
  }

  /** Waits until every board's server has terminated (stopped, killed or crashed). */
  public void awaitTermination() throws InterruptedException {
    for (Handle h : handles) {
      h.server.awaitTermination();
    }
  }

  /** Graceful stop of every board (health NOT_SERVING, up to 2 s for open calls). */
  @Override
  public void close() {
    for (Handle h : handles) {
      try {
        h.stop(Duration.ofSeconds(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
