package org.tinyode.floatmodel.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.model.onnx.StateDictImport;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.DType;
import org.tinyode.model.weights.SafeTensors;
import org.tinyode.model.weights.TensorData;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * What a PyTorch user's {@code safetensors.torch.save_file(model.state_dict(), f)} looks like for cifar10-ode: the
 * module names written out by hand as in the README recipe (not computed from WeightNames), float32 parameters and
 * buffers, BatchNorm's {@code num_batches_tracked} as I64 scalars (shape []), no TinyODE metadata. It imports,
 * runs on the DJL float model, and the exported graph on OnnxRuntime gives the same answers.
 */
class PytorchStateDictImportTest {
  private static final Random RNG = new Random(11);
  private static final String[] BN = {"weight", "bias", "running_mean", "running_var"};

  private static float[] values(int n, double scale, double offset) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (offset + scale * RNG.nextGaussian());
    }
    return v;
  }

  private static void conv(List<TensorData> t, String name, int out, int in, int k) {
    t.add(TensorData.ofFloats(name, new int[] {out, in, k, k}, values(out * in * k * k, Math.sqrt(2.0 / (in * k * k)), 0)));
  }

  private static void bn(List<TensorData> t, String name, int c) {
    t.add(TensorData.ofFloats(name + ".weight", new int[] {c}, values(c, 0.1, 1)));
    t.add(TensorData.ofFloats(name + ".bias", new int[] {c}, values(c, 0.1, 0)));
    t.add(TensorData.ofFloats(name + ".running_mean", new int[] {c}, values(c, 0.1, 0)));
    float[] var = values(c, 0.1, 1);
    for (int i = 0; i < c; i++) {
      var[i] = Math.abs(var[i]) + 0.5f;
    }
    t.add(TensorData.ofFloats(name + ".running_var", new int[] {c}, var));
    t.add(TensorData.ofLongs(name + ".num_batches_tracked", new int[0], new long[] {7820}));
  }

  /** The state_dict of a PyTorch nn.Module laid out as in the README recipe, for cifar10-ode. */
  static List<TensorData> cifar10OdeStateDict() {
    List<TensorData> t = new ArrayList<>();
    conv(t, "stem.conv.weight", 64, 3, 3);
    bn(t, "stem.bn", 64);
    for (String[] ode : new String[][] {{"ode1", "64"}, {"ode2", "128"}}) {
      int c = Integer.parseInt(ode[1]);
      conv(t, ode[0] + ".conv1.weight", c, c, 3);
      bn(t, ode[0] + ".bn1", c);
      conv(t, ode[0] + ".conv2.weight", c, c, 3);
      bn(t, ode[0] + ".bn2", c);
    }
    conv(t, "trans1.conv.weight", 128, 64, 3);
    bn(t, "trans1.bn", 128);
    conv(t, "trans2.conv.weight", 256, 128, 3);
    bn(t, "trans2.bn", 256);
    for (String p : List.of("q", "k", "v", "proj")) {
      conv(t, "mhsa." + p + ".weight", 256, 256, 1);
      t.add(TensorData.ofFloats("mhsa." + p + ".bias", new int[] {256}, values(256, 0.02, 0)));
    }
    t.add(TensorData.ofFloats("mhsa.rel_h", new int[] {4, 7, 64}, values(4 * 7 * 64, 0.125, 0)));
    t.add(TensorData.ofFloats("mhsa.rel_w", new int[] {4, 7, 64}, values(4 * 7 * 64, 0.125, 0)));
    t.add(TensorData.ofFloats("head.fc.weight", new int[] {10, 256}, values(2560, 0.06, 0)));
    t.add(TensorData.ofFloats("head.fc.bias", new int[] {10}, values(10, 0.01, 0)));
    return t;
  }

  @Test
  void handWrittenNamesAreTheDocumentedOnes() {
    Set<String> ours = new TreeSet<>(WeightNames.expected(ModelSpec.preset("cifar10-ode"), WeightsFile.Kind.FLOAT)
        .keySet());
    Set<String> torch = new TreeSet<>();
    cifar10OdeStateDict().forEach(x -> torch.add(x.name()));
    torch.removeIf(n -> n.endsWith(".num_batches_tracked"));
    assertEquals(ours, torch);
  }

  @Test
  void stateDictWithCountersImportsAndRunsOnBothEngines(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("from_pytorch.safetensors");
    Files.write(f, SafeTensors.toBytes(Map.of(), cifar10OdeStateDict()));
    ModelSpec spec = ModelSpec.preset("cifar10-ode");
    WeightsFile w = StateDictImport.fromStateDict(f, spec);
    assertEquals(DType.I64, w.tensor("stem.bn.num_batches_tracked").dtype());
    assertEquals(0, w.tensor("stem.bn.num_batches_tracked").shape().length);
    assertTrue(w.provenance().note().contains("from_pytorch.safetensors"));
    Path saved = dir.resolve("tinyode.float.safetensors");
    w.save(saved);
    WeightsFile back = WeightsFile.load(saved, spec);
    List<Example> images = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      byte[] rgb = new byte[32 * 32 * 3];
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (byte) (i * (3 + k) + 17 * k);
      }
      images.add(new Example("x/test/" + k, k, -1, 32, 32, rgb));
    }
    try (FloatModel pt = FloatModel.of(back); OnnxRuntimeModel ort = OnnxRuntimeModel.of(back)) {
      List<Prediction> a = pt.predict(images);
      List<Prediction> b = ort.predict(images);
      for (int i = 0; i < images.size(); i++) {
        for (float v : a.get(i).logits()) {
          assertTrue(Float.isFinite(v));
        }
        assertArrayEquals(a.get(i).logits(), b.get(i).logits(), 1e-3f);
        assertEquals(a.get(i).top1(), b.get(i).top1());
      }
    }
  }

  @Test
  void wrongShapeAndMissingTensorAreListed(@TempDir Path dir) throws Exception {
    List<TensorData> t = cifar10OdeStateDict();
    t.removeIf(x -> x.name().equals("mhsa.rel_w") || x.name().equals("head.fc.bias"));
    t.add(TensorData.ofFloats("mhsa.rel_w", new int[] {4, 4, 64}, new float[4 * 4 * 64]));
    Path f = dir.resolve("bad.safetensors");
    Files.write(f, SafeTensors.toBytes(Map.of(), t));
    WeightsException e = assertThrows(WeightsException.class,
        () -> StateDictImport.fromStateDict(f, ModelSpec.preset("cifar10-ode")));
    assertTrue(e.getMessage().contains("bad.safetensors"), e.getMessage());
    assertTrue(e.getMessage().contains("mhsa.rel_w"), e.getMessage());
    assertTrue(e.getMessage().contains("missing tensor head.fc.bias"), e.getMessage());
  }
}
