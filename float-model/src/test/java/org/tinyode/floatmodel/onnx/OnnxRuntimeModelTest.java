package org.tinyode.floatmodel.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.floatmodel.TestSpecs;
import org.tinyode.model.weights.WeightsFile;

/**
 * The exported graph on OnnxRuntime against the DJL-PyTorch float model on the bundled samples: logits within
 * {@link #RTOL} (relative to the image's largest |logit|, at least 1) and identical top-1.
 */
class OnnxRuntimeModelTest {
  /** Documented in docs/onnx.md. */
  static final double RTOL = 1e-4;

  @Test
  void pytorchStaysTheDefaultEngineWithOnnxRuntimeOnTheClasspath() {
    // FloatModel uses the default engine; OnnxRuntimeModel asks for its engine by name.
    assertEquals("PyTorch", ai.djl.engine.Engine.getDefaultEngineName());
    assertTrue(ai.djl.engine.Engine.hasEngine(OnnxRuntimeModel.ENGINE));
  }

  @Test
  void cifar10ShippedModelMatchesPytorchEngine() throws Exception {
    // 100 images spread over the 1,000 bundled ones (every 10th: all classes; the folder is sorted by class).
    compare("models/cifar10-ode.float.safetensors", "samples/cifar10", 10, 100);
  }

  @Test
  void stl10ModelMatchesPytorchEngine() throws Exception {
    compare("models/paper-stl10.float.safetensors", "samples/stl10", 1, 10);
  }

  private static void compare(String modelPath, String data, int stride, int count) throws Exception {
    Path model = TestSpecs.root().resolve(modelPath);
    Path samples = TestSpecs.root().resolve(data);
    assumeTrue(Files.isRegularFile(model) && Files.isDirectory(samples), modelPath + " or " + data + " missing");
    WeightsFile w = WeightsFile.load(model, null);
    List<Example> images = new ArrayList<>();
    try (ImageDataset ds = Datasets.open(samples, null, "test")) {
      for (int i = 0; i < ds.size() && images.size() < count; i += stride) {
        images.add(ds.get(i));
      }
    }
    List<Prediction> ort;
    List<Prediction> pt;
    try (OnnxRuntimeModel o = OnnxRuntimeModel.of(w); FloatModel f = FloatModel.of(w)) {
      ort = new ArrayList<>();
      pt = new ArrayList<>();
      for (int i = 0; i < images.size(); i += 25) {
        List<Example> b = images.subList(i, Math.min(images.size(), i + 25));
        ort.addAll(o.predict(b));
        pt.addAll(f.predict(b));
      }
    }
    double worst = 0;
    for (int i = 0; i < images.size(); i++) {
      float[] a = ort.get(i).logits();
      float[] b = pt.get(i).logits();
      double maxAbs = 1;
      double diff = 0;
      for (int c = 0; c < a.length; c++) {
        maxAbs = Math.max(maxAbs, Math.abs(b[c]));
        diff = Math.max(diff, Math.abs(a[c] - b[c]));
      }
      worst = Math.max(worst, diff / maxAbs);
      assertTrue(diff <= RTOL * maxAbs, images.get(i).id() + ": max |logit diff| " + diff + " > " + RTOL * maxAbs);
      assertEquals(pt.get(i).top1(), ort.get(i).top1(), images.get(i).id() + ": top-1");
    }
    System.out.printf("%s on %s: %d images, worst max|diff|/max(1,max|logit|) = %.3g, top-1 identical%n",
        modelPath, data, images.size(), worst);
  }
}
