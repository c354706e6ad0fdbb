package org.tinyode.floatmodel.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.ImagePreprocessor;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.floatmodel.TestSpecs;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsFile;

class StateDictIoTest {

  @TempDir
  Path dir;

  @Test
  void parameterNamesAreExactlyTheDocumentedTensorNames() {
    ModelSpec spec = ModelSpec.preset("cifar10-ode");
    TinyOdeNetwork net = TinyOdeNetwork.build(spec);
    assertEquals(WeightNames.floatTensors(spec).keySet(), net.stateDict().keySet());
  }

  @Test
  void saveThenLoadGivesIdenticalOutputs() {
    Engine.getInstance().setRandomSeed(3);
    ModelSpec spec = TestSpecs.tiny();
    List<Example> images = randomImages(4, 32, 32);
    try (NDManager m = NDManager.newBaseManager()) {
      TinyOdeNetwork net = TinyOdeNetwork.build(spec, new org.tinyode.floatmodel.quant.QuantContext(), false);
      net.initialize(m, DataType.FLOAT32, net.inputShape(4));
      // move BN statistics away from the identity so every tensor matters
      net.stateDict().forEach((k, p) -> {
        if (k.endsWith("running_var")) {
          p.getArray().set(p.getArray().add(0.5f).toFloatArray());
        }
      });
      Path file = dir.resolve("tiny.float.safetensors");
      StateDictIo.toWeightsFile(net, RandomWeights.provenance(spec, 3)).save(file);
      ImagePreprocessor pre = new ImagePreprocessor(spec.input());
      float[] buf = new float[4 * pre.imageSize()];
      for (int i = 0; i < 4; i++) {
        pre.write(images.get(i).rgb(), buf, i * pre.imageSize());
      }
      NDArray expected = net.run(new ParameterStore(m, false), m.create(buf, net.inputShape(4)), false);
      try (FloatModel loaded = FloatModel.load(file)) {
        assertEquals(WeightsFile.Kind.FLOAT, loaded.kind());
        List<Prediction> got = loaded.predict(images);
        float[] e = expected.toFloatArray();
        for (int i = 0; i < 4; i++) {
          float[] row = new float[10];
          System.arraycopy(e, i * 10, row, 0, 10);
          assertArrayEquals(row, got.get(i).logits(), 0f, "image " + i);
        }
        assertEquals(List.of("stem", "ode1", "trans1", "mhsa", "head"),
            new ArrayList<>(got.get(0).stageNanos().keySet()));
      }
    }
  }

  @Test
  void loadRejectsAQuantizedFileAndWrongShapes() {
    ModelSpec spec = TestSpecs.tiny();
    try (NDManager m = NDManager.newBaseManager()) {
      TinyOdeNetwork net = TinyOdeNetwork.build(spec);
      net.initialize(m, DataType.FLOAT32, net.inputShape(1));
      WeightsFile other = RandomWeights.floatWeights(ModelSpec.preset("cifar10-ode"), 1);
      assertThrows(IllegalArgumentException.class, () -> StateDictIo.load(net, other));
    }
  }

  static List<Example> randomImages(int n, int w, int h) {
    Random r = new Random(5);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] rgb = new byte[w * h * 3];
      r.nextBytes(rgb);
      out.add(new Example("rand/test/" + i, i, -1, w, h, rgb));
    }
    return out;
  }
}
