package org.tinyode.fpga.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.fpga.client.BoardChannels;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.client.BoardPool;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.fabric.CycleModel;
import org.tinyode.fpga.fabric.GoldenSplitModel;
import org.tinyode.fpga.fabric.StageCycles;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.StemOutputBatch;
import org.tinyode.fpga.proto.v1.TensorFormat;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.security.BearerToken;
import org.tinyode.fpga.security.EphemeralTls;
import org.tinyode.fpga.security.TlsFiles;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of pools of 1, 2 and 4 realtime emulated boards, measured side by side in one run (the
 * configurations alternate over several rounds; medians reported), and the client's CPU cost per image. The
 * agents run in a child JVM ({@code board --boards N --realtime --memoize}), so this process's CPU time is the
 * client's alone: pool, gRPC, TLS, protobuf, response checks. The client sends int8 stem outputs computed
 * before timing (split point STEM_OUTPUT: the boards run fabric + head), which keeps the board-side software
 * stages small, as on a board whose A53 only runs the head.
 */
@Command(name = "boards", mixinStandardHelpOptions = true,
    description = "Throughput of pools of 1, 2 and 4 realtime emulated boards side by side (ratios), and the "
        + "client's CPU time per image.")
public final class BoardThroughputBench implements Callable<Integer> {
  @Option(names = "--model", description = "quantized model file (default: seeded random weights of --preset)")
  Path model;
  @Option(names = "--preset", description = "spec for random weights (default ${DEFAULT-VALUE})")
  String preset = "paper-stl10";
  @Option(names = "--boards", split = ",", description = "pool sizes (default 1,2,4)")
  int[] boards = {1, 2, 4};
  @Option(names = "--seconds", description = "measured seconds per configuration and round (default ${DEFAULT-VALUE})")
  double seconds = 4;
  @Option(names = "--rounds", description = "rounds over all configurations (default ${DEFAULT-VALUE})")
  int rounds = 3;
  @Option(names = "--batch", description = "examples per request (default ${DEFAULT-VALUE})")
  int batch = 8;
  @Option(names = "--window", description = "requests in flight per board (default ${DEFAULT-VALUE})")
  int window = 4;
  @Option(names = "--workers", description = "agent worker threads per board (default ${DEFAULT-VALUE})")
  int workers = 2;
  @Option(names = "--samples", description = "image folder for the inputs (default samples/stl10/test when the "
      + "input is 96x96, else seeded random images)")
  Path samples;

  record Measurement(int boards, long images, double seconds, long processCpuNanos, long threadCpuNanos) {
    double imagesPerSecond() {
      return images / seconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("tinyode-bench-");
    EphemeralTls tls = EphemeralTls.create(dir);
    Path file = model;
    if (file == null) {
      ModelSpec spec = ModelSpec.preset(preset);
      file = dir.resolve(preset + "-random-q.safetensors");
      Quantizer.quantize(RandomWeights.floatWeights(spec, 7), Quantizer.defaultFracs(spec)).save(file);
    }
    GoldenSplitModel local = GoldenSplitModel.load(file);
    ModelSpec spec = local.spec();
    BoardProfile profile = BoardProfile.load("zcu104");
    double modeledFabric = new CycleModel(profile).plan(spec).stream().mapToDouble(StageCycles::seconds).sum();
    List<ByteString> stems = new ArrayList<>();
    for (byte[] img : images(spec)) {
      stems.add(ByteString.copyFrom(local.stem(img)));
    }
    int maxBoards = Arrays.stream(boards).max().orElse(1);
    System.out.printf(Locale.ROOT, "model %s (%s), %d distinct inputs, modeled fabric time %.3f ms/image "
        + "[modeled:zcu104], batch %d, window %d/board, %d agent workers/board, %d cores%n", spec.name(),
        model == null ? "seeded random weights" : file, stems.size(), modeledFabric * 1e3, batch, window, workers,
        Runtime.getRuntime().availableProcessors());
    List<String> agentArgs = List.of("--boards", String.valueOf(maxBoards), "--port", "0", "--realtime",
        "--memoize", "4096", "--workers", String.valueOf(workers), "--model", file.toString(), "--token-file",
        tls.tokenFile().toString(), "--cert", tls.certPem().toString(), "--key", tls.keyPem().toString());
    List<ManagedChannel> channels = new ArrayList<>();
    try (AgentProcess agent = AgentProcess.start(agentArgs)) {
      List<BoardClient> clients = new ArrayList<>();
      for (int i = 0; i < maxBoards; i++) {
        ManagedChannel ch = BoardChannels.open(agent.addresses().get(i), TlsFiles.client(tls.certPem(), null, null));
        channels.add(ch);
        clients.add(new BoardClient("board-" + i, ch, new BearerToken(tls.token())));
      }
      TensorFormat fmt = clients.get(0).describe(Duration.ofSeconds(30)).getStemOutputFormat();
      // Fill the agent's memo (shared by its boards) and warm both JVMs up: untimed.
      run(clients.subList(0, 1), local.modelSha256(), fmt, stems, 1, 1.0, true);
      run(clients, local.modelSha256(), fmt, stems, maxBoards, 2.0, false);
      List<List<Measurement>> byConfig = new ArrayList<>();
      for (int b : boards) {
        byConfig.add(new ArrayList<>());
      }
      for (int r = 0; r < rounds; r++) {
        for (int c = 0; c < boards.length; c++) {
          Measurement m = run(clients.subList(0, boards[c]), local.modelSha256(), fmt, stems, boards[c], seconds,
              false);
          byConfig.get(c).add(m);
          System.out.printf(Locale.ROOT, "  round %d, %d board(s): %.1f images/s%n", r + 1, boards[c],
              m.imagesPerSecond());
        }
      }
      report(byConfig, modeledFabric);
    } finally {
      for (ManagedChannel ch : channels) {
        ch.shutdownNow();
      }
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return 0;
  }

  private List<byte[]> images(ModelSpec spec) throws Exception {
    int h = spec.input().height();
    int w = spec.input().width();
    Path folder = samples != null ? samples : h == 96 && w == 96 ? Path.of("samples/stl10/test") : null;
    List<byte[]> out = new ArrayList<>();
    if (folder != null && Files.isDirectory(folder)) {
      try (ImageDataset ds = Datasets.open(folder, null, "test")) {
        for (int i = 0; i < ds.size() && out.size() < 32; i++) {
          var e = ds.get(i);
          if (e.width() == w && e.height() == h) {
            out.add(e.rgb());
          }
        }
      }
    }
    SplittableRandom r = new SplittableRandom(5);
    while (out.size() < 16) {
      byte[] img = new byte[h * w * 3];
      for (int i = 0; i < img.length; i++) {
        img[i] = (byte) r.nextInt(256);
      }
      out.add(img);
    }
    return out;
  }

  /** Keeps {@code window} requests per board in flight for {@code secs} (or one pass over the inputs). */
  private Measurement run(List<BoardClient> clients, String sha, TensorFormat fmt, List<ByteString> stems, int n,
      double secs, boolean onePass) throws Exception {
    BoardPool.Options o = new BoardPool.Options(BoardPool.Policy.LEAST_OUTSTANDING, 3, Duration.ofSeconds(60),
        Duration.ofMillis(50), 3, Duration.ofSeconds(10), window, Duration.ofSeconds(30));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    AtomicLong images = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    try (BoardPool pool = BoardPool.connect(clients, sha, o)) {
      Semaphore inFlight = new Semaphore(n * window);
      long cpu0 = os.getProcessCpuTime();
      long thr0 = allThreadsCpu(threads);
      long t0 = System.nanoTime();
      long end = t0 + (long) (secs * 1e9);
      int next = 0;
      for (long k = 0; onePass ? next < stems.size() : System.nanoTime() < end; k++) {
        inFlight.acquire();
        StemOutputBatch.Builder b = StemOutputBatch.newBuilder().setFormat(fmt);
        InferRequest.Builder req = InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION)
            .setRequestId("r" + n + "-" + t0 + "-" + k);
        int size = onePass ? 1 : batch;
        for (int i = 0; i < size; i++, next++) {
          b.addTensors(stems.get(next % stems.size()));
          req.addExampleIds("x" + next);
        }
        pool.submit(req.setStemOutputs(b).build()).whenComplete((res, e) -> {
          if (res != null && res.ok()) {
            images.addAndGet(res.response().getResultsCount());
          } else {
            failures.incrementAndGet();
          }
          inFlight.release();
        });
      }
      inFlight.acquire(n * window); // wait for the last responses
      double wall = (System.nanoTime() - t0) * 1e-9;
      long cpu = os.getProcessCpuTime() - cpu0;
      long thr = allThreadsCpu(threads) - thr0;
      if (failures.get() > 0) {
        throw new IllegalStateException(failures.get() + " requests failed: " + pool.counters());
      }
      return new Measurement(n, images.get(), wall, cpu, thr);
    }
  }

  private static long allThreadsCpu(ThreadMXBean threads) {
    long sum = 0;
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  private void report(List<List<Measurement>> byConfig, double modeledFabric) {
    System.out.println();
    System.out.println("| boards | images/s (median) | ratio to 1 board | modeled ceiling images/s | "
        + "client process CPU per image | client threads CPU per image | client CPU (cores) |");
    System.out.println("|---|---|---|---|---|---|---|");
    double base = Double.NaN;
    for (List<Measurement> ms : byConfig) {
      double ips = median(ms.stream().mapToDouble(Measurement::imagesPerSecond).toArray());
      double cpu = median(ms.stream().mapToDouble(m -> m.processCpuNanos() / 1e3 / m.images()).toArray());
      double thr = median(ms.stream().mapToDouble(m -> m.threadCpuNanos() / 1e3 / m.images()).toArray());
      double cores = median(ms.stream().mapToDouble(m -> m.processCpuNanos() * 1e-9 / m.seconds()).toArray());
      int n = ms.get(0).boards();
      if (n == 1 || Double.isNaN(base)) {
        base = n == 1 ? ips : base;
      }
      System.out.printf(Locale.ROOT, "| %d | %.1f | %s | %.1f | %.0f µs | %.0f µs | %.2f |%n", n, ips,
          Double.isNaN(base) ? "n/a" : String.format(Locale.ROOT, "%.2f", ips / base), n / modeledFabric, cpu, thr,
          cores);
    }
    System.out.println("provenance: images/s and CPU measured:host-cpu-nanotime / "
        + "measured:OperatingSystemMXBean.processCpuTime / measured:ThreadMXBean.threadCpuTime (client JVM only); "
        + "ceiling modeled:zcu104");
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BoardThroughputBench()).execute(args));
  }
}
