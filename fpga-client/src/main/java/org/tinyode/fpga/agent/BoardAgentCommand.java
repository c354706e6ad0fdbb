package org.tinyode.fpga.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.fabric.MemoizingSplitModel;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.fpga.power.HwmonPowerMonitor;
import org.tinyode.fpga.power.ModeledPowerMonitor;
import org.tinyode.fpga.power.PowerMonitor;
import org.tinyode.fpga.power.RaplPowerMonitor;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.security.TlsFiles;
import org.tinyode.fpga.security.TokenFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tinyode board}: runs a board agent (TLS, bearer token on every call) until stopped.
 * Exit codes: 0 after a clean stop, 1 bad input (files, profile, model), 2 usage, 3 every board crashed by an
 * injected fault.
 */
@Command(name = "board", mixinStandardHelpOptions = true,
    description = "Run a board agent: the FPGA stages on a fabric (emulated: golden model + cycle model), "
        + "stem and head in software, over gRPC with TLS and a bearer token.")
public final class BoardAgentCommand implements Callable<Integer> {
  @Option(names = "--port", description = "TCP port (0 = any free port; default ${DEFAULT-VALUE})")
  int port = BoardProtocol.DEFAULT_PORT;
  @Option(names = "--bind", description = "address to bind (default ${DEFAULT-VALUE})")
  String bind = "127.0.0.1";
  @Option(names = "--fabric", description = "fabric: emulated (default), or a hardware driver name")
  String fabric = "emulated";
  @Option(names = "--profile", description = "board profile name or JSON file (default ${DEFAULT-VALUE})")
  String profile = "zcu104";
  @Option(names = "--model", required = true, description = "quantized model file (safetensors)")
  Path model;
  @Option(names = "--token-file", required = true, description = "file holding the bearer token")
  Path tokenFile;
  @Option(names = "--cert", required = true, description = "server certificate chain (PEM)")
  Path cert;
  @Option(names = "--key", required = true, description = "server private key (PKCS#8 PEM)")
  Path key;
  @Option(names = "--client-ca", description = "require client certificates signed by this CA (mutual TLS)")
  Path clientCa;
  @Option(names = "--board-id", description = "board name reported by Describe (default board-<port>; with "
      + "--boards N: <board-id>-<i>, default board-<i>)")
  String boardId;
  @Option(names = "--boards", description = "start this many agents on consecutive ports from --port (or each on "
      + "any free port with --port 0), sharing the model (default ${DEFAULT-VALUE})")
  int boards = 1;
  @Option(names = "--workers", description = "requests run in parallel per board (default ${DEFAULT-VALUE})")
  int workers = 1;
  @Option(names = "--realtime", description = "pace each example to the modeled fabric time, one fabric queue "
      + "per board (emulated fabric only)")
  boolean realtime;
  @Option(names = "--memoize", description = "remember the FPGA output of this many distinct inputs (exact "
      + "bytes; 0 = off, default ${DEFAULT-VALUE}) so --realtime is not held back by the host's emulation speed")
  int memoize = 0;
  @Option(names = "--fault", description = "inject a fault (tests): latency=50ms, drop=0.1, reset-after=N, "
      + "corrupt-payload, wrong-model-hash, crash-after=N, corrupt-stage=<stage>, seed=N; repeatable or "
      + "comma-separated; prefix <i>: for board i only")
  List<String> faults = new ArrayList<>();
  @Option(names = "--until-stdin-closes", description = "also stop when standard input reaches end of file "
      + "(for a parent process that starts the agent)")
  boolean untilStdinCloses;
  @Option(names = "--power", description = "software-stage energy: modeled (default), rapl or hwmon")
  String power = "modeled";
  @Option(names = "--sysfs-root", description = "sysfs root for rapl/hwmon (default ${DEFAULT-VALUE})")
  Path sysfsRoot = Path.of("/sys");
  @Option(names = "--hwmon-name", description = "regex of hwmon device names to sum (default ${DEFAULT-VALUE})")
  String hwmonName = "ina2\\d+.*";
  @Option(names = "--hwmon-sample-ms", description = "hwmon sampling interval during a stage window in ms "
      + "(0 = power at window start and end only; default ${DEFAULT-VALUE})")
  double hwmonSampleMs = 1.0;

  private final Function<Path, SplitModel> modelLoader;
  private LocalBoards running;

  /** Uses the golden-model adapter to load {@code --model}. */
  public BoardAgentCommand() {
    this(SplitModels::load);
  }

  /** For tests and embedding: {@code modelLoader} turns {@code --model} into a split model. */
  public BoardAgentCommand(Function<Path, SplitModel> modelLoader) {
    this.modelLoader = modelLoader;
  }

  /** Exit 0 after a clean stop (SIGTERM, or stdin closed with --until-stdin-closes), 3 when every board crashed
   * through an injected {@code crash-after} fault, 1 on bad input. */
  @Override
  public Integer call() throws Exception {
    try {
      startAll();
    } catch (RuntimeException e) {
      System.err.println("board: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "board-agent-shutdown"));
    if (untilStdinCloses) {
      Thread t = new Thread(() -> {
        try {
          System.in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException ignored) {
          // closed or broken: stop as well
        }
        stopQuietly();
      }, "board-agent-stdin");
      t.setDaemon(true);
      t.start();
    }
    running.awaitTermination();
    return running.handles().stream().allMatch(LocalBoards.Handle::crashed) ? 3 : 0;
  }

  /** Builds and starts the agent (one board); returns its server (tests stop it with {@link #stop()}). */
  public BoardServer start() {
    return startAll().handles().get(0).server();
  }

  /** Builds and starts every board ({@code --boards N}); prints one line per board, then their addresses. */
  public LocalBoards startAll() {
    if (!"emulated".equals(fabric)) {
      throw new IllegalArgumentException("--fabric " + fabric + ": no hardware driver is built in; use emulated");
    }
    if (workers < 1 || boards < 1 || memoize < 0) {
      throw new IllegalArgumentException("--workers and --boards must be >= 1 and --memoize >= 0, got "
          + workers + ", " + boards + ", " + memoize);
    }
    for (int i = 0; i < boards; i++) {
      FaultPlan.parse(faults, i); // bad specs fail before anything starts
    }
    String token = TokenFile.read(tokenFile);
    TlsFiles.server(cert, key, clientCa); // checks the files before the model is loaded
    BoardProfile prof = BoardProfile.load(profile);
    SplitModel loaded = modelLoader.apply(model);
    SplitModel split = memoize > 0 ? new MemoizingSplitModel(loaded, memoize) : loaded;
    Supplier<PowerMonitor> monitor = switch (power) {
      case "modeled" -> () -> new ModeledPowerMonitor(prof);
      case "rapl" -> () -> new RaplPowerMonitor(sysfsRoot);
      case "hwmon" -> () -> new HwmonPowerMonitor(sysfsRoot, Pattern.compile(hwmonName), System::nanoTime,
          Duration.ofNanos(Math.round(hwmonSampleMs * 1e6)));
      default -> throw new IllegalArgumentException("--power must be modeled, rapl or hwmon, got " + power);
    };
    monitor.get(); // a missing sensor tree fails here, before any server starts
    IntFunction<String> ids = boards == 1
        ? i -> boardId != null ? boardId : "board-" + port
        : i -> (boardId != null ? boardId : "board") + "-" + i;
    running = LocalBoards.start(boards, split, prof, new LocalBoards.Credentials(cert, key, clientCa, token),
        LocalBoards.Options.defaults().ports(bind, port).workers(workers).realtime(realtime)
            .faults(faults.toArray(String[]::new)).boardIds(ids).power(monitor));
    for (LocalBoards.Handle h : running.handles()) {
      List<String> f = h.service().faults().plan().canonical();
      System.out.println("board " + h.boardId() + " listening on " + h.address() + " (TLS"
          + (clientCa != null ? ", client certificates required" : "") + "), fabric " + fabric + ", profile "
          + prof.name() + (realtime ? ", realtime" : "") + (f.isEmpty() ? "" : ", injected faults " + f)
          + ", model " + split.spec().name() + " sha256 " + split.modelSha256());
    }
    System.out.println("addresses: " + String.join(" ", running.addresses()));
    System.out.flush();
    return running;
  }

  public void stop() throws InterruptedException {
    if (running != null) {
      running.close();
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BoardAgentCommand()).execute(args));
  }
}
