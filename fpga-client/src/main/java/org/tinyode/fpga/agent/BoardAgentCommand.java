package org.tinyode.fpga.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.fabric.CycleModel;
import org.tinyode.fpga.fabric.EmulatedFabric;
import org.tinyode.fpga.fabric.Fabric;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.fpga.power.HwmonPowerMonitor;
import org.tinyode.fpga.power.ModeledPowerMonitor;
import org.tinyode.fpga.power.PowerMonitor;
import org.tinyode.fpga.power.RaplPowerMonitor;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.security.BearerTokenInterceptor;
import org.tinyode.fpga.security.TlsFiles;
import org.tinyode.fpga.security.TokenFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tinyode board}: runs a board agent (TLS, bearer token on every call) until stopped.
 * Exit codes: 0 after a clean stop, 1 bad input (files, profile, model), 2 usage.
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
  @Option(names = "--board-id", description = "board name reported by Describe (default board-<port>)")
  String boardId;
  @Option(names = "--workers", description = "requests run in parallel (default ${DEFAULT-VALUE})")
  int workers = 1;
  @Option(names = "--power", description = "software-stage energy: modeled (default), rapl or hwmon")
  String power = "modeled";
  @Option(names = "--sysfs-root", description = "sysfs root for rapl/hwmon (default ${DEFAULT-VALUE})")
  Path sysfsRoot = Path.of("/sys");
  @Option(names = "--hwmon-name", description = "regex of hwmon device names to sum (default ${DEFAULT-VALUE})")
  String hwmonName = "ina2\\d+.*";

  private final Function<Path, SplitModel> modelLoader;
  private BoardServer server;
  private ExecutorService pool;

  /** Uses the golden-model adapter to load {@code --model}. */
  public BoardAgentCommand() {
    this(SplitModels::load);
  }

  /** For tests and embedding: {@code modelLoader} turns {@code --model} into a split model. */
  public BoardAgentCommand(Function<Path, SplitModel> modelLoader) {
    this.modelLoader = modelLoader;
  }

  @Override
  public Integer call() throws Exception {
    try {
      start();
    } catch (RuntimeException e) {
      System.err.println("board: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "board-agent-shutdown"));
    server.awaitTermination();
    return 0;
  }

  /** Builds and starts the agent; returns the running server (tests stop it with {@link #stop()}). */
  public BoardServer start() {
    if (!"emulated".equals(fabric)) {
      throw new IllegalArgumentException("--fabric " + fabric + ": no hardware driver is built in; use emulated");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
    }
    String token = TokenFile.read(tokenFile);
    var tls = TlsFiles.server(cert, key, clientCa);
    BoardProfile prof = BoardProfile.load(profile);
    SplitModel split = modelLoader.apply(model);
    Fabric fab = new EmulatedFabric(split, prof);
    PowerMonitor monitor = switch (power) {
      case "modeled" -> new ModeledPowerMonitor(prof);
      case "rapl" -> new RaplPowerMonitor(sysfsRoot);
      case "hwmon" -> new HwmonPowerMonitor(sysfsRoot, Pattern.compile(hwmonName), System::nanoTime);
      default -> throw new IllegalArgumentException("--power must be modeled, rapl or hwmon, got " + power);
    };
    String id = boardId != null ? boardId : "board-" + port;
    InferenceEngine engine = new InferenceEngine(id, split, fab, monitor, new CycleModel(prof));
    pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "board-worker");
      t.setDaemon(true);
      return t;
    });
    BoardService service = new BoardService(engine, pool, "emulated-" + id, prof.name());
    server = new BoardServer(BoardServer.tlsBuilder(bind, port, tls), service, new BearerTokenInterceptor(token))
        .start();
    System.out.println("board " + id + " listening on " + bind + ":" + server.port() + " (TLS"
        + (clientCa != null ? ", client certificates required" : "") + "), fabric " + fabric + ", profile "
        + prof.name() + ", model " + split.spec().name() + " sha256 " + split.modelSha256());
    return server;
  }

  public void stop() throws InterruptedException {
    if (server != null) {
      server.stop(Duration.ofSeconds(5));
    }
    if (pool != null) {
      pool.shutdownNow();
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
