package org.tinyode.transforms.backend;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.golden.Prediction;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.transforms.DecodedExample;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.Provenances;
import org.tinyode.transforms.StageMeasure;

/**
 * The bit-exact fixed-point model on the host CPU. Each example runs on the calling thread as
 * {@code stemOut → runFpga → head} (bit-identical to {@code GoldenModel.predict}); the FPGA stages are timed at
 * the golden model's stage-output taps ({@code <ode>.step<C>}, {@code <transition>.out}, {@code <mhsa>.out}), so
 * the FPGA-stage latencies include the tap copies (a few per cent). Latency provenance
 * {@code measured:host-cpu-nanotime}; energy from {@link CpuEnergy}.
 */
public final class GoldenBackend implements Backend {
  private final GoldenModel model;
  private final String sha256;
  private final String description;
  private final CpuEnergy energy;
  private final boolean keepFabricOutput;
  private final List<String> fabricStages = new ArrayList<>();
  private final Map<String, Integer> endTaps = new LinkedHashMap<>();

  public GoldenBackend(BackendSpec spec) {
    ModelSource.Loaded w = ModelSource.load(spec.model(), true);
    this.model = GoldenModel.of(w.weights());
    this.sha256 = w.sha256();
    this.description = w.description();
    this.energy = CpuEnergy.select(spec.energySource(), java.nio.file.Path.of(spec.sysfsRoot()),
        spec.cpuWattsPerCore());
    this.keepFabricOutput = spec.keepFabricOutput();
    ModelSpec ms = model.spec();
    for (StageSpec s : ms.stages()) {
      endTaps.put(GoldenModel.outputTap(s), fabricStages.size());
      fabricStages.add(s.name());
    }
  }

  @Override
  public String name() {
    return BackendSpec.GOLDEN;
  }

  @Override
  public String modelSha256() {
    return sha256;
  }

  @Override
  public List<String> stageNames() {
    List<String> all = new ArrayList<>();
    all.add("stem");
    all.addAll(fabricStages);
    all.add("head");
    return all;
  }

  @Override
  public List<Answer> run(List<DecodedExample> batch) {
    List<Answer> out = new ArrayList<>(batch.size());
    String worker = worker();
    for (DecodedExample e : batch) {
      try {
        out.add(Answer.ok(runOne(e, worker)));
      } catch (RuntimeException ex) {
        out.add(Answer.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage()));
      }
    }
    return out;
  }

  private ExampleResult runOne(DecodedExample e, String worker) {
    int n = fabricStages.size();
    long[] ns = new long[n];
    double[] joules = new double[n];
    byte[][] outs = new byte[n][];
    CpuEnergy.Window w = energy.open();
    long t0 = System.nanoTime();
    byte[] stemOut = model.stemOut(e.rgb());
    long t1 = System.nanoTime();
    double stemJ = w.close(t1 - t0);
    long[] last = {System.nanoTime()};
    CpuEnergy.Window[] sw = {energy.open()};
    byte[] fabricOut = model.runFpga(stemOut, (name, shape, values) -> {
      Integer i = endTaps.get(name);
      if (i != null) {
        long now = System.nanoTime();
        ns[i] = now - last[0];
        joules[i] = sw[0].close(ns[i]);
        outs[i] = toInt8(values);
        sw[0] = energy.open();
        last[0] = System.nanoTime();
      }
    });
    CpuEnergy.Window hw = energy.open();
    long t2 = System.nanoTime();
    Prediction p = model.head(fabricOut);
    long t3 = System.nanoTime();
    double headJ = hw.close(t3 - t2);

    List<StageMeasure> stages = new ArrayList<>(n + 2);
    String clock = Provenances.HOST_CLOCK;
    stages.add(new StageMeasure("stem", "cpu", t1 - t0, clock, stemJ, energy.provenance()));
    List<String> hashes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      stages.add(new StageMeasure(fabricStages.get(i), "cpu", ns[i], clock, joules[i], energy.provenance()));
      hashes.add(Sha256.hex(outs[i]));
    }
    stages.add(new StageMeasure("head", "cpu", t3 - t2, clock, headJ, energy.provenance()));
    return new ExampleResult(e.id(), e.shard(), e.index(), e.label(), name(), p.top1(), p.logits(), stages, worker,
        sha256, Sha256.hex(fabricOut), hashes, keepFabricOutput ? fabricOut : null);
  }

  private static byte[] toInt8(int[] v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  static String worker() {
    return ManagementFactory.getRuntimeMXBean().getName() + "/" + Thread.currentThread().getName();
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("backend", name());
    d.put("model", description);
    d.put("model_sha256", sha256);
    d.put("spec", model.spec().name());
    d.put("energy", energy.provenance());
    d.put("stage_timing", "System.nanoTime at golden stage-output taps (tap copies included)");
    return d;
  }

  @Override
  public void close() {}
}
