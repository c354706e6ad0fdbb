package org.tinyode.floatmodel.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.tinyode.datasets.DatasetException;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.floatmodel.quant.Calibration;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.floatmodel.weights.StateDictIo;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsFile;

/**
 * {@code train --random-init}: a seeded, untrained model for timing runs (the model module's
 * {@link RandomWeights}: He-normal convs, BN statistics near identity), quantized with activation formats
 * calibrated on the given images (or the default format 4 everywhere when there are none). Both files say
 * "untrained random initialisation, timing only" in their provenance.
 */
public final class RandomInit {

  public static final String NOTE = "untrained random initialisation, timing only (" + RandomWeights.NOTE
      + "); accuracy is chance level";

  private RandomInit() {}

  public static void write(ModelSpec spec, long seed, Path floatOut, Path quantOut, Path calibrationData,
      String split, String commandLine, String gitCommit, PrintStream log) throws DatasetException {
    WeightsFile raw = RandomWeights.floatWeights(spec, seed);
    Provenance p = new Provenance(null, seed, 0, Map.of(), gitCommit, Instant.now().toString(), commandLine,
        Provenance.currentToolVersions("djl", "0.36.0"), NOTE);
    WeightsFile floats = new WeightsFile(WeightsFile.Kind.FLOAT, spec, p, raw.tensors());
    floats.save(floatOut);
    Map<String, Integer> fracs;
    String source;
    if (calibrationData == null) {
      fracs = Quantizer.defaultFracs(spec);
      source = "default format " + Quantizer.DEFAULT_FRAC + " on every edge (no calibration data)";
    } else {
      try (ImageDataset ds = Datasets.open(calibrationData, null, split);
          NDManager m = NDManager.newBaseManager()) {
        LabeledImages images = LabeledImages.load(ds, LabeledImages.spread(ds.size(), 0), spec.input().width(),
            spec.input().height(), 2, null);
        TinyOdeNetwork net = TinyOdeNetwork.build(spec, new QuantContext(), false);
        net.initialize(m, DataType.FLOAT32, net.inputShape(1));
        StateDictIo.load(net, floats);
        Calibration.run(net, new ParameterStore(m, false), m, images, 16, (images.size() + 15) / 16);
        fracs = net.quant().fracs();
        source = "running max over the " + images.size() + " images of " + calibrationData.getFileName();
      }
    }
    WeightsFile q = Quantizer.quantize(floats, fracs, source);
    q.save(quantOut);
    log.printf("wrote %s and %s (%s; formats %s)%n", floatOut, quantOut, NOTE, fracs);
  }
}
