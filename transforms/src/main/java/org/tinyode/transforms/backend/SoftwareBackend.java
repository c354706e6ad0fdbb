package org.tinyode.transforms.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.floatmodel.onnx.OnnxRuntimeModel;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.transforms.DecodedExample;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.StageMeasure;

/**
 * The float model on the host CPU: DJL's PyTorch engine (default) or, with engine {@code onnxruntime}, the exported
 * ONNX graph on DJL's OnnxRuntime engine (one timed stage {@value OnnxRuntimeModel#STAGE}, docs/onnx.md). {@code FloatModel} times each stage for the whole batch;
 * an example's stage latency is that time divided by the batch size (provenance
 * {@code measured:host-cpu-nanotime/batch-share}). Energy from {@link CpuEnergy} over the same share.
 */
public final class SoftwareBackend implements Backend {
  static final String BATCH_SHARE = "measured:host-cpu-nanotime/batch-share";

  private final Engine model;
  private final String engineName;
  private final String sha256;
  private final String description;
  private final CpuEnergy energy;

  public SoftwareBackend(BackendSpec spec) {
    ModelSource.Loaded w = ModelSource.load(spec.model(), false);
    this.engineName = spec.engine();
    this.model = BackendSpec.ONNXRUNTIME.equals(engineName) ? onnx(OnnxRuntimeModel.of(w.weights()))
        : pytorch(FloatModel.of(w.weights()));
    this.sha256 = w.sha256();
    this.description = w.description();
    this.energy = CpuEnergy.select(spec.energySource(), java.nio.file.Path.of(spec.sysfsRoot()),
        spec.cpuWattsPerCore());
  }

  /** What this backend needs of either engine. */
  private interface Engine extends AutoCloseable {
    ModelSpec spec();

    String kind();

    List<Prediction> predict(List<Example> batch);

    List<String> stageNames();

    @Override
    void close();
  }

  private static Engine pytorch(FloatModel m) {
    return new Engine() {
      public ModelSpec spec() {
        return m.spec();
      }

      public String kind() {
        return m.kind().label();
      }

      public List<Prediction> predict(List<Example> batch) {
        return m.predict(batch);
      }

      public List<String> stageNames() {
        List<String> s = new ArrayList<>();
        s.add("stem");
        m.spec().stages().forEach(x -> s.add(x.name()));
        s.add("head");
        return s;
      }

      public void close() {
        m.close();
      }
    };
  }

  private static Engine onnx(OnnxRuntimeModel m) {
    return new Engine() {
      public ModelSpec spec() {
        return m.spec();
      }

      public String kind() {
        return m.weights().kind().label();
      }

      public List<Prediction> predict(List<Example> batch) {
        return m.predict(batch);
      }

      public List<String> stageNames() {
        return List.of(OnnxRuntimeModel.STAGE);
      }

      public void close() {
        m.close();
      }
    };
  }

  @Override
  public String name() {
    return BackendSpec.SOFTWARE;
  }

  @Override
  public String modelSha256() {
    return sha256;
  }

  @Override
  public List<String> stageNames() {
    return model.stageNames();
  }

  @Override
  public List<Answer> run(List<DecodedExample> batch) {
    List<Example> in = new ArrayList<>(batch.size());
    batch.forEach(e -> in.add(e.toExample()));
    CpuEnergy.Window w = energy.open();
    long t0 = System.nanoTime();
    List<Prediction> preds = model.predict(in);
    double batchJ = w.close(System.nanoTime() - t0);
    long batchNs = 0;
    for (long v : preds.isEmpty() ? new long[0] : preds.get(0).stageNanos().values().stream()
        .mapToLong(Long::longValue).toArray()) {
      batchNs += v;
    }
    String worker = GoldenBackend.worker();
    List<Answer> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      DecodedExample e = batch.get(i);
      Prediction p = preds.get(i);
      List<StageMeasure> stages = new ArrayList<>();
      for (Map.Entry<String, Long> s : p.stageNanos().entrySet()) {
        long share = s.getValue() / p.batchSize();
        double j = batchNs > 0 ? batchJ * s.getValue() / batchNs / p.batchSize() : 0;
        stages.add(new StageMeasure(s.getKey(), "cpu", share, BATCH_SHARE, j, energy.provenance()));
      }
      out.add(Answer.ok(new ExampleResult(e.id(), e.shard(), e.index(), e.label(), name(), p.top1(), p.logits(),
          stages, worker, sha256, "", List.of(), null)));
    }
    return out;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("backend", name());
    d.put("model", description);
    d.put("model_sha256", sha256);
    d.put("weights_kind", model.kind());
    d.put("engine", engineName);
    d.put("spec", model.spec().name());
    d.put("energy", energy.provenance());
    d.put("stage_timing", (BackendSpec.ONNXRUNTIME.equals(engineName) ? "OnnxRuntime whole-graph"
        : "FloatModel stage") + " wall time per batch / batch size");
    return d;
  }

  @Override
  public void close() {
    model.close();
  }
}
