package org.tinyode.floatmodel.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.floatmodel.quant.Calibration;
import org.tinyode.floatmodel.quant.QuantMode;
import org.tinyode.floatmodel.quant.QuantizedExport;
import org.tinyode.floatmodel.weights.StateDictIo;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.WeightsFile;

/**
 * A whole training run: float epochs with a one-cycle schedule (checkpoint after every epoch, resumable), then
 * calibration, QAT epochs and export of the float and quantized weights files.
 */
public final class TrainingSession {

  /** Where things go and what to record in provenance. */
  public record Outputs(Path floatFile, Path quantizedFile, Path checkpoint, Path metrics,
      Provenance.DatasetRef dataset, String commandLine, String gitCommit) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelSpec spec;
  private final TrainingConfig cfg;
  private final Outputs outputs;
  private final PrintStream log;

  public TrainingSession(ModelSpec spec, TrainingConfig cfg, Outputs outputs, PrintStream log) {
    this.spec = spec;
    this.cfg = cfg;
    this.outputs = outputs;
    this.log = log;
  }

  /** Runs (or resumes) training; returns the final validation results {float, quantized}. */
  public Evaluation.Result[] run(LabeledImages train, LabeledImages val, boolean resume) throws Exception {
    Engine.getInstance().setRandomSeed((int) cfg.seed());
    try (NDManager manager = NDManager.newBaseManager()) {
      TinyOdeNetwork net = TinyOdeNetwork.build(spec);
      net.initialize(manager, DataType.FLOAT32, net.inputShape(cfg.batchSize()));
      ParameterStore ps = new ParameterStore(manager, false);
      Map<String, Parameter> params = net.stateDict();
      Optimizer opt = new Optimizer(cfg.optimizer(), 0.9, true, cfg.weightDecay(), params, manager);
      MetricsCsv csv = new MetricsCsv(outputs.metrics());
      int epochsDone = 0;
      String phase = "float";
      if (resume && Files.exists(outputs.checkpoint())) {
        Checkpoint.State st = Checkpoint.load(outputs.checkpoint(), params, opt.state());
        epochsDone = st.epochsDone();
        opt.setSteps(st.steps());
        phase = st.phase();
        log.printf("resumed from %s: %s epoch %d, step %d%n", outputs.checkpoint(), phase, epochsDone, st.steps());
      }
      long stepsPerEpoch = train.size() / cfg.batchSize();
      LearningRateSchedule sched = new LearningRateSchedule(cfg.lr(), Math.max(1, stepsPerEpoch * cfg.epochs()),
          cfg.warmupFraction(), 0.002);
      long floatStart = System.nanoTime();
      while (phase.equals("float") && epochsDone < cfg.epochs()) {
        int epoch = epochsDone + 1;
        ProgressBar bar = new ProgressBar(log, String.format(Locale.ROOT, "epoch %d/%d", epoch, cfg.epochs()));
        EpochRunner.Stats s = EpochRunner.run(net, ps, manager, train, opt, sched::at,
            (long) epochsDone * stepsPerEpoch, cfg.batchSize(), cfg.labelSmoothing(), cfg.seed() * 1000 + epoch, bar,
            0);
        Evaluation.Result v = Evaluation.run(net, ps, manager, val, 256, null);
        csv.append("float", epoch, s.loss(), s.accuracy(), v.loss(), v.accuracy(), s.lastLr(), s.imagesPerSecond(),
            s.seconds() + v.seconds());
        log.printf(Locale.ROOT, "epoch %d: train loss %.4f acc %.4f | val loss %.4f acc %.4f | %.1f img/s, %.0f s%n",
            epoch, s.loss(), s.accuracy(), v.loss(), v.accuracy(), s.imagesPerSecond(), s.seconds() + v.seconds());
        epochsDone = epoch;
        Checkpoint.save(outputs.checkpoint(), params, opt.state(),
            new Checkpoint.State(epochsDone, opt.steps(), "float", JSON.writeValueAsString(cfg)));
      }
      log.printf(Locale.ROOT, "float phase: %.0f s in this process%n", (System.nanoTime() - floatStart) / 1e9);
      Evaluation.Result floatVal = Evaluation.run(net, ps, manager, val, 256, null);
      StateDictIo.toWeightsFile(net, provenance(floatVal, "float", cfg.epochs())).save(outputs.floatFile());
      log.printf(Locale.ROOT, "wrote %s (val acc %.4f)%n", outputs.floatFile(), floatVal.accuracy());

      // Quantization: calibrate activation formats on training images, then QAT with frozen formats and BN.
      Calibration.run(net, ps, manager, train, 128, cfg.calibrationBatches());
      log.println("activation formats: " + net.quant().fracs());
      net.quant().setMode(QuantMode.QAT);
      Evaluation.Result ptq = Evaluation.run(net, ps, manager, val, 256, null);
      log.printf(Locale.ROOT, "post-training quantization: val acc %.4f%n", ptq.accuracy());
      if (cfg.qatEpochs() > 0) {
        Optimizer qopt = new Optimizer(cfg.optimizer(), 0.9, true, cfg.weightDecay(), params, manager);
        long qatImages = Math.round(cfg.qatEpochs() * train.size());
        long qatSteps = Math.max(1, qatImages / cfg.batchSize());
        LearningRateSchedule qs = new LearningRateSchedule(cfg.qatLr(), qatSteps, 0.0, 0.0);
        int qEpochs = (int) Math.ceil(cfg.qatEpochs());
        long remaining = qatImages;
        for (int e = 1; e <= qEpochs && remaining >= cfg.batchSize(); e++) {
          ProgressBar bar = new ProgressBar(log, "qat " + e + "/" + qEpochs);
          EpochRunner.Stats s = EpochRunner.run(net, ps, manager, train, qopt, qs::at, (long) (e - 1) * stepsPerEpoch,
              cfg.batchSize(), cfg.labelSmoothing(), cfg.seed() * 7777 + e, bar, remaining);
          remaining -= s.images();
          Evaluation.Result v = Evaluation.run(net, ps, manager, val, 256, null);
          csv.append("qat", e, s.loss(), s.accuracy(), v.loss(), v.accuracy(), s.lastLr(), s.imagesPerSecond(),
              s.seconds() + v.seconds());
          log.printf(Locale.ROOT, "qat %d: train loss %.4f acc %.4f | val acc %.4f | %.1f img/s%n", e, s.loss(),
              s.accuracy(), v.accuracy(), s.imagesPerSecond());
        }
      }
      Evaluation.Result qatVal = Evaluation.run(net, ps, manager, val, 256, null);
      net.quant().setMode(QuantMode.FLOAT);
      Evaluation.Result floatAfter = Evaluation.run(net, ps, manager, val, 256, null);
      WeightsFile qf = QuantizedExport.export(net, provenance(qatVal, "quantized (QAT fake-quant)", cfg.epochs()),
          "activation formats from the running max over " + cfg.calibrationBatches() + " batches of 128 training "
              + "images, frozen during " + cfg.qatEpochs() + " QAT epochs");
      qf.save(outputs.quantizedFile());
      log.printf(Locale.ROOT, "wrote %s (val acc %.4f; float weights after QAT: %.4f)%n", outputs.quantizedFile(),
          qatVal.accuracy(), floatAfter.accuracy());
      return new Evaluation.Result[] {floatVal, qatVal};
    }
  }

  private Provenance provenance(Evaluation.Result val, String what, int epochs) {
    Map<String, Provenance.Metric> metrics = new LinkedHashMap<>();
    metrics.put("val_top1", new Provenance.Metric(val.accuracy(), "measured:" + what + " top-1 on the "
        + val.images() + "-image validation split carved from train (seed " + cfg.seed() + ")"));
    Map<String, String> tools = Provenance.currentToolVersions("djl", "0.36.0", "pytorch", "2.7.1",
        "training_config", cfg.toString());
    return new Provenance(outputs.dataset(), cfg.seed(), epochs, metrics, outputs.gitCommit(),
        java.time.Instant.now().toString(), outputs.commandLine(), tools, null);
  }

}
