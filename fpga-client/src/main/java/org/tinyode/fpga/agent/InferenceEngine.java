package org.tinyode.fpga.agent;

import java.util.concurrent.atomic.AtomicLong;
import org.tinyode.fpga.fabric.CycleModel;
import org.tinyode.fpga.fabric.Fabric;
import org.tinyode.fpga.fabric.FabricRun;
import org.tinyode.fpga.fabric.FabricStage;
import org.tinyode.fpga.fabric.SplitModel;
import org.tinyode.fpga.power.EnergyWindow;
import org.tinyode.fpga.power.PowerMonitor;
import org.tinyode.fpga.power.StageActivity;
import org.tinyode.fpga.proto.v1.Device;
import org.tinyode.fpga.proto.v1.ExampleResult;
import org.tinyode.fpga.proto.v1.ImageBatch;
import org.tinyode.fpga.proto.v1.InferRequest;
import org.tinyode.fpga.proto.v1.InferResponse;
import org.tinyode.fpga.proto.v1.RequestError;
import org.tinyode.fpga.proto.v1.SplitPoint;
import org.tinyode.fpga.proto.v1.StageReport;
import org.tinyode.fpga.proto.v1.StemOutputBatch;
import org.tinyode.fpga.protocol.BoardProtocol;
import org.tinyode.fpga.protocol.Labelled;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.model.golden.Prediction;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.InputSpec;
import org.tinyode.model.spec.ModelCost;
import org.tinyode.model.spec.StageCost;

/**
 * Runs one InferRequest: per example, the software stem (unless the client sent the stem output), the fabric and
 * the software head. Software stages are timed with {@code System.nanoTime} on this host
 * ({@code measured:host-cpu-nanotime}), their energy comes from {@code softwarePower} (a measured monitor, or the
 * modeled one), and a modeled PS (Cortex-A53) time from the profile is added. Fabric stages report what the
 * fabric reports, including the SHA-256 of each fabric stage's output ({@code StageReport.output_sha256}). Counts the requests and examples it actually ran (refused calls never reach it).
 */
public final class InferenceEngine {
  private final String boardId;
  private final SplitModel model;
  private final Fabric fabric;
  private final PowerMonitor softwarePower;
  private final CycleModel psModel;
  private final StageCost stemCost;
  private final StageCost headCost;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong examples = new AtomicLong();

  public InferenceEngine(String boardId, SplitModel model, Fabric fabric, PowerMonitor softwarePower,
      CycleModel psModel) {
    this.boardId = boardId;
    this.model = model;
    this.fabric = fabric;
    this.softwarePower = softwarePower;
    this.psModel = psModel;
    ModelCost cost = ModelCost.of(model.spec());
    this.stemCost = cost.stages().stream().filter(s -> s.name().equals("stem")).findFirst().orElseThrow();
    this.headCost = cost.stages().stream().filter(s -> s.name().equals("head")).findFirst().orElseThrow();
  }

  public long requestsRun() {
    return requests.get();
  }

  public long examplesRun() {
    return examples.get();
  }

  public String boardId() {
    return boardId;
  }

  public SplitModel model() {
    return model;
  }

  public Fabric fabric() {
    return fabric;
  }

  public PowerMonitor softwarePower() {
    return softwarePower;
  }

  /** Never throws for bad input: the response then carries an error. */
  public InferResponse run(InferRequest req) {
    InferResponse.Builder out = InferResponse.newBuilder().setProtocolVersion(BoardProtocol.VERSION)
        .setRequestId(req.getRequestId()).setBoardId(boardId).setModelSha256(model.modelSha256());
    try {
      check(req);
      requests.incrementAndGet();
      boolean images = req.hasImages();
      out.setSplitPoint(images ? SplitPoint.SPLIT_POINT_IMAGE : SplitPoint.SPLIT_POINT_STEM_OUTPUT);
      for (int i = 0; i < req.getExampleIdsCount(); i++) {
        out.addResults(runExample(req, i, images));
        examples.incrementAndGet();
      }
    } catch (InvalidRequestException e) {
      out.clearResults().setError(RequestError.newBuilder().setCode(e.code()).setMessage(e.getMessage()));
    } catch (RuntimeException e) { // FabricException or a failing stage
      out.clearResults().setError(RequestError.newBuilder().setCode(RequestError.Code.INTERNAL)
          .setMessage("request " + req.getRequestId() + ": " + e.getClass().getSimpleName() + ": "
              + e.getMessage()));
    }
    return out.build();
  }

  private void check(InferRequest req) {
    String id = req.getRequestId();
    if (id.isEmpty()) {
      throw invalid("request_id is empty");
    }
    if (!req.getExpectedModelSha256().isEmpty() && !req.getExpectedModelSha256().equals(model.modelSha256())) {
      throw new InvalidRequestException(RequestError.Code.MODEL_MISMATCH, "request " + id + ": expected model "
          + req.getExpectedModelSha256() + ", board " + boardId + " runs " + model.modelSha256());
    }
    int n = req.getExampleIdsCount();
    if (n == 0) {
      throw invalid("request " + id + ": no example_ids");
    }
    if (n > BoardProtocol.MAX_BATCH) {
      throw new InvalidRequestException(RequestError.Code.BATCH_TOO_LARGE, "request " + id + ": " + n
          + " examples, max_batch is " + BoardProtocol.MAX_BATCH);
    }
    if (req.hasImages()) {
      ImageBatch b = req.getImages();
      InputSpec in = model.spec().input();
      if (b.getFormat().getHeight() != in.height() || b.getFormat().getWidth() != in.width()
          || b.getFormat().getChannels() != in.channels()) {
        throw invalid("request " + id + ": images.format " + b.getFormat().getHeight() + "x"
            + b.getFormat().getWidth() + "x" + b.getFormat().getChannels() + ", model wants " + in.height() + "x"
            + in.width() + "x" + in.channels());
      }
      sizes(id, "images", b.getImagesCount(), n, in.height() * in.width() * in.channels(), b::getImages);
    } else if (req.hasStemOutputs()) {
      StemOutputBatch b = req.getStemOutputs();
      FeatureShape s = model.spec().stemOutput();
      var f = b.getFormat();
      if (f.getChannels() != s.channels() || f.getHeight() != s.height() || f.getWidth() != s.width()
          || f.getFracBits() != model.stemOutputFracBits()) {
        throw invalid("request " + id + ": stem_outputs.format " + f.getChannels() + "x" + f.getHeight() + "x"
            + f.getWidth() + " f=" + f.getFracBits() + ", model wants " + s + " f=" + model.stemOutputFracBits());
      }
      sizes(id, "stem_outputs.tensors", b.getTensorsCount(), n, s.size(), b::getTensors);
    } else {
      throw invalid("request " + id + ": neither images nor stem_outputs set");
    }
  }

  private static void sizes(String id, String field, int count, int n, int bytes,
      java.util.function.IntFunction<com.google.protobuf.ByteString> get) {
    if (count != n) {
      throw invalid("request " + id + ": " + count + " " + field + " for " + n + " example_ids");
    }
    for (int i = 0; i < count; i++) {
      if (get.apply(i).size() != bytes) {
        throw invalid("request " + id + ": " + field + "[" + i + "] has " + get.apply(i).size()
            + " bytes, expected " + bytes);
      }
    }
  }

  private static InvalidRequestException invalid(String msg) {
    return new InvalidRequestException(RequestError.Code.INVALID_INPUT, msg);
  }

  private ExampleResult runExample(InferRequest req, int i, boolean images) {
    ExampleResult.Builder r = ExampleResult.newBuilder().setExampleId(req.getExampleIds(i));
    byte[] stemOut;
    if (images) {
      byte[] img = req.getImages().getImages(i).toByteArray();
      byte[][] holder = new byte[1][];
      r.addStages(software("stem", stemCost, () -> holder[0] = model.stem(img)));
      stemOut = holder[0];
    } else {
      stemOut = req.getStemOutputs().getTensors(i).toByteArray();
    }
    FabricRun run = fabric.run(stemOut);
    for (FabricStage s : run.stages()) {
      r.addStages(StageReport.newBuilder().setStage(s.stage()).setDevice(Device.DEVICE_PL_FABRIC)
          .setCycles(s.cycles()).setCyclesProvenance(s.cyclesProvenance()).setSeconds(s.seconds().toProto())
          .setEnergyJoules(s.energyJoules().toProto()).setOutputSha256(s.outputSha256()));
    }
    float[][] logits = new float[1][];
    r.addStages(software("head", headCost, () -> logits[0] = model.head(run.output())));
    for (float l : logits[0]) {
      r.addLogits(l);
    }
    r.setTop1(Prediction.top1(logits[0])).setFabricOutputSha256(Sha256.hex(run.output()));
    if (req.getReturnFabricOutput()) {
      r.setFabricOutput(com.google.protobuf.ByteString.copyFrom(run.output()));
    }
    return r.build();
  }

  private StageReport software(String stage, StageCost cost, Runnable work) {
    double psSeconds = psModel.psSeconds(cost);
    EnergyWindow w = softwarePower.open();
    long t0 = System.nanoTime();
    work.run();
    long t1 = System.nanoTime();
    Labelled energy = w.close(new StageActivity(StageActivity.PS, psSeconds));
    return StageReport.newBuilder().setStage(stage).setDevice(Device.DEVICE_PS_SOFTWARE)
        .setSeconds(new Labelled((t1 - t0) * 1e-9, Labelled.HOST_CLOCK).toProto())
        .setEnergyJoules(energy.toProto())
        .setModeledPsSeconds(Labelled.modeled(psSeconds, psModel.profile().name()).toProto()).build();
  }
}
