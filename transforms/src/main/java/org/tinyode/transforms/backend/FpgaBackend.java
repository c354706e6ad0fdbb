package org.tinyode.transforms.backend;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import org.tinyode.fpga.agent.LocalBoards;
import org.tinyode.fpga.client.BoardChannels;
import org.tinyode.fpga.client.BoardClient;
import org.tinyode.fpga.client.BoardPool;
import org.tinyode.fpga.client.PoolResult;
import org.tinyode.fpga.client.StageHashes;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.fabric.GoldenSplitModel;
import org.tinyode.fpga.proto.v1.BoardDescription;
import org.tinyode.fpga.proto.v1.Device;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.ImageFormat;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.StageReport;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.security.BearerToken;
import org.tinyode.fpga.security.EphemeralTls;
import org.tinyode.fpga.security.TlsFiles;
import org.tinyode.fpga.security.TokenFile;
import org.tinyode.transforms.DecodedExample;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.StageMeasure;

/**
 * The board backend: a {@link BoardPool} over TLS + bearer token. {@code boards=embedded[:n]} starts n (default 2)
 * emulated agents in this JVM on 127.0.0.1 ({@link LocalBoards}, zcu104 profile, ephemeral TLS files) that load
 * the same quantized model; {@code host:port,...} dials remote agents with {@code <boardAuth>/token} and
 * {@code <boardAuth>/ca.pem}. Each batch is one request with raw images (the board runs the stem on its PS, the
 * fabric stages and the head); stage latencies and energies are the board's reports, with the board's provenance
 * (fabric stages {@code modeled:<profile>} cycles on an emulated board). The per-stage output hashes the board
 * returns ({@code StageReport.output_sha256}) become {@link ExampleResult#fabricStageSha256()} in fabric-stage
 * order, so golden vs fpga divergence is located per stage ({@link StageHashes}).
 */
public final class FpgaBackend implements Backend {
  private static final AtomicLong REQUESTS = new AtomicLong();

  private final String sha256;
  private final String description;
  private final boolean keepFabricOutput;
  private final LocalBoards local;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<Map<String, Object>> boards = new ArrayList<>();
  private final BoardPool pool;
  private final List<String> stageNames;
  private final List<String> fabricStages;
  private final int height;
  private final int width;

  public FpgaBackend(BackendSpec spec) {
    this(spec, new String[0]);
  }

  /** Tests: embedded boards with injected faults ({@code FaultPlan} specs, e.g. {@code corrupt-stage=trans1}). */
  FpgaBackend(BackendSpec spec, String... embeddedFaults) {
    Path modelFile = ModelSource.file(spec.model(), true);
    this.keepFabricOutput = spec.keepFabricOutput();
    List<String> addresses;
    ChannelCredentials tls;
    BearerToken token;
    String boardsSpec = spec.boards() == null || spec.boards().isEmpty() ? "embedded" : spec.boards();
    if (boardsSpec.startsWith("embedded")) {
      int n = boardsSpec.contains(":") ? Integer.parseInt(boardsSpec.substring(boardsSpec.indexOf(':') + 1)) : 2;
      GoldenSplitModel model = GoldenSplitModel.load(modelFile);
      Path dir;
      try {
        dir = Files.createTempDirectory("tinyode-embedded-boards");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a folder for the embedded boards' TLS files", e);
      }
      EphemeralTls eph = EphemeralTls.create(dir);
      local = LocalBoards.start(n, model, BoardProfile.load("zcu104"), LocalBoards.Credentials.of(eph),
          LocalBoards.Options.defaults().faults(embeddedFaults));
      addresses = local.addresses();
      tls = TlsFiles.client(eph.certPem(), null, null);
      token = new BearerToken(eph.token());
      this.sha256 = model.modelSha256();
    } else {
      if (spec.boardAuth() == null || spec.boardAuth().isEmpty()) {
        throw new IllegalArgumentException("--boards " + boardsSpec + ": remote boards need --boardAuth=<folder "
            + "with token and ca.pem>");
      }
      local = null;
      addresses = List.of(boardsSpec.split(","));
      Path auth = Path.of(spec.boardAuth());
      tls = TlsFiles.client(auth.resolve("ca.pem"), null, null);
      token = new BearerToken(TokenFile.read(auth.resolve("token")));
      this.sha256 = ModelSource.load(spec.model(), true).sha256();
    }
    List<BoardClient> clients = new ArrayList<>();
    for (String a : addresses) {
      ManagedChannel ch = BoardChannels.open(a.trim(), tls);
      channels.add(ch);
      BoardClient c = new BoardClient(a.trim(), ch, token);
      clients.add(c);
      boards.add(describe(a.trim(), c));
    }
    this.pool = BoardPool.connect(clients, sha256, BoardPool.Options.defaults());
    this.description = spec.model() + " on " + addresses;
    var ms = ModelSource.load(spec.model(), true).weights().spec();
    this.height = ms.input().height();
    this.width = ms.input().width();
    this.fabricStages = ms.stages().stream().map(s -> s.name()).toList();
    List<String> names = new ArrayList<>();
    names.add("stem");
    names.add("transfer_in");
    names.addAll(fabricStages);
    names.add("transfer_out");
    names.add("head");
    this.stageNames = List.copyOf(names);
  }

  private static Map<String, Object> describe(String address, BoardClient c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", address);
    try {
      BoardDescription d = c.describe(Duration.ofSeconds(5));
      m.put("board_id", d.getBoardId());
      m.put("serial", d.getSerial());
      m.put("agent_version", d.getAgentVersion());
      m.put("fabric_kind", d.getFabricKind());
      m.put("bitstream_id", d.getBitstreamId());
      m.put("model_sha256", d.getModelSha256());
      m.put("profile", d.getProfile());
      m.put("pl_clock_hz", d.getPlClockHz());
      m.put("pl_clock_provenance", d.getPlClockProvenance());
      m.put("power_sensors", d.getPowerSensorsList().stream().map(s -> s.getName() + " (" + s.getProvenance() + ")")
          .toList());
    } catch (RuntimeException e) {
      m.put("describe_error", e.getMessage());
    }
    return m;
  }

  @Override
  public String name() {
    return BackendSpec.FPGA;
  }

  @Override
  public String modelSha256() {
    return sha256;
  }

  @Override
  public List<String> stageNames() {
    return stageNames;
  }

  @Override
  public List<Answer> run(List<DecodedExample> batch) throws Exception {
    List<Answer> out = new ArrayList<>(batch.size());
    for (int from = 0; from < batch.size(); from += BoardProtocol.MAX_BATCH) {
      out.addAll(runChunk(batch.subList(from, Math.min(batch.size(), from + BoardProtocol.MAX_BATCH))));
    }
    return out;
  }

  private List<Answer> runChunk(List<DecodedExample> chunk) throws Exception {
    ImageBatch.Builder images = ImageBatch.newBuilder()
        .setFormat(ImageFormat.newBuilder().setHeight(height).setWidth(width).setChannels(3));
    InferRequest.Builder req = InferRequest.newBuilder().setProtocolVersion(BoardProtocol.VERSION)
        .setRequestId(chunk.get(0).id() + "+" + chunk.size() + "#" + REQUESTS.incrementAndGet())
        .setReturnFabricOutput(keepFabricOutput).setExpectedModelSha256(sha256);
    for (DecodedExample e : chunk) {
      req.addExampleIds(e.id());
      images.addImages(ByteString.copyFrom(e.rgb()));
    }
    CompletableFuture<PoolResult> f = pool.submit(req.setImages(images).build());
    PoolResult r = f.get();
    List<Answer> out = new ArrayList<>(chunk.size());
    if (!r.ok()) {
      chunk.forEach(e -> out.add(Answer.failed("boards: " + r.error())));
      return out;
    }
    for (int i = 0; i < chunk.size(); i++) {
      DecodedExample e = chunk.get(i);
      var res = r.response().getResults(i);
      if (!res.getExampleId().equals(e.id())) {
        out.add(Answer.failed("board " + r.board() + " answered " + res.getExampleId() + " for " + e.id()));
        continue;
      }
      List<String> stageHashes;
      try {
        stageHashes = StageHashes.of(res, fabricStages);
      } catch (IllegalArgumentException ex) {
        out.add(Answer.failed("board " + r.board() + ", example " + e.id() + ": " + ex.getMessage()));
        continue;
      }
      List<StageMeasure> stages = new ArrayList<>();
      for (StageReport s : res.getStagesList()) {
        stages.add(new StageMeasure(s.getStage(), s.getDevice() == Device.DEVICE_PL_FABRIC ? "pl" : "ps",
            Math.round(s.getSeconds().getValue() * 1e9), s.getSeconds().getProvenance(),
            s.getEnergyJoules().getValue(), s.getEnergyJoules().getProvenance()));
      }
      float[] logits = new float[res.getLogitsCount()];
      for (int c = 0; c < logits.length; c++) {
        logits[c] = res.getLogits(c);
      }
      out.add(Answer.ok(new ExampleResult(e.id(), e.shard(), e.index(), e.label(), name(), res.getTop1(), logits,
          stages, r.board(), sha256, res.getFabricOutputSha256(), stageHashes,
          keepFabricOutput ? res.getFabricOutput().toByteArray() : null)));
    }
    return out;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("backend", name());
    d.put("model", description);
    d.put("model_sha256", sha256);
    d.put("boards", boards);
    d.put("pool", pool.counters().toString());
    d.put("stage_timing", "board StageReports (fabric: cycles / PL clock; software: agent wall time)");
    return d;
  }

  @Override
  public void close() {
    pool.close();
    channels.forEach(ManagedChannel::shutdownNow);
    if (local != null) {
      local.close();
    }
  }
}
