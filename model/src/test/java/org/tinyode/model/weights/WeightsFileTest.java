package org.tinyode.model.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.model.spec.ModelSpec;

class WeightsFileTest {
  static final ModelSpec SPEC = ModelSpec.preset("cifar10-ode");

  @Test
  void saveLoadRoundTrip(@TempDir Path dir) {
    WeightsFile w = RandomWeights.floatWeights(SPEC, 1);
    Path f = dir.resolve("w.safetensors");
    w.save(f);
    WeightsFile back = WeightsFile.load(f, SPEC);
    assertEquals(w.tensors(), back.tensors());
    assertEquals(w.provenance(), back.provenance());
    assertEquals(SPEC, back.spec());
    assertEquals(WeightsFile.Kind.FLOAT, back.kind());
    assertEquals(RandomWeights.NOTE, back.provenance().note());
  }

  @Test
  void flippedDataByteFailsTheChecksum(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("w.safetensors");
    RandomWeights.floatWeights(SPEC, 1).save(f);
    byte[] b = Files.readAllBytes(f);
    b[b.length - 3] ^= 0x10;
    Files.write(f, b);
    WeightsException e = assertThrows(WeightsException.class, () -> WeightsFile.load(f, null));
    assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
    assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
  }

  @Test
  void wrongShapeMissingAndExtraNameTheTensor(@TempDir Path dir) {
    WeightsFile w = RandomWeights.floatWeights(SPEC, 1);
    Map<String, TensorData> t = new HashMap<>(w.tensors());
    t.put("ode1.conv1.weight", TensorData.ofFloats("ode1.conv1.weight", new int[] {64, 64, 1, 1}, new float[4096]));
    t.remove("head.fc.bias");
    t.put("extra.thing", TensorData.ofFloats("extra.thing", new int[] {1}, new float[1]));
    // written by hand (bypassing the WeightsFile constructor) as a foreign tool would
    Path f = dir.resolve("bad.safetensors");
    Map<String, String> meta = new HashMap<>(w.metadata());
    meta.put(WeightsFile.KEY_SHA, TensorHash.sha256(t));
    SafeTensors.write(f, meta, t.values());
    WeightsException e = assertThrows(WeightsException.class, () -> WeightsFile.load(f, SPEC));
    String m = e.getMessage();
    assertTrue(m.startsWith(f.toString()), m);
    assertTrue(m.contains("tensor ode1.conv1.weight: expected F32[64, 64, 3, 3], got F32[64, 64, 1, 1]"), m);
    assertTrue(m.contains("missing tensor head.fc.bias (expected F32[10])"), m);
    assertTrue(m.contains("unexpected tensor extra.thing"), m);
  }

  @Test
  void specMismatchAndKindErrors(@TempDir Path dir) {
    Path f = dir.resolve("w.safetensors");
    RandomWeights.floatWeights(SPEC, 1).save(f);
    WeightsException e = assertThrows(WeightsException.class,
        () -> WeightsFile.load(f, ModelSpec.preset("paper-stl10")));
    assertTrue(e.getMessage().contains("differs from the expected spec"), e.getMessage());
    assertThrows(WeightsException.class, () -> WeightsFile.load(dir.resolve("none"), null));
  }

  @Test
  void pytorchBatchCounterIsTolerated() {
    Map<String, TensorData> t = new HashMap<>(RandomWeights.floatWeights(SPEC, 2).tensors());
    t.put("stem.bn.num_batches_tracked", TensorData.ofLongs("stem.bn.num_batches_tracked", new int[] {},
        new long[] {100}));
    new WeightsFile(WeightsFile.Kind.FLOAT, SPEC, RandomWeights.provenance(SPEC, 2), t);
  }

  @Test
  void randomWeightsAreSeeded() {
    assertEquals(RandomWeights.floatWeights(SPEC, 3).sha256(), RandomWeights.floatWeights(SPEC, 3).sha256());
    assertTrue(!RandomWeights.floatWeights(SPEC, 3).sha256().equals(RandomWeights.floatWeights(SPEC, 4).sha256()));
    ByteBuffer.allocate(1).order(ByteOrder.LITTLE_ENDIAN);
  }
}
