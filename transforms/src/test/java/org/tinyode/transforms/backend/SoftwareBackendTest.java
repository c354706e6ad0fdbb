package org.tinyode.transforms.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.transforms.DecodedExample;
import org.tinyode.transforms.StageMeasure;

class SoftwareBackendTest {
  private static final BackendSpec PYTORCH = new BackendSpec("software", "random:cifar10-ode:3", "", "", 15,
      "modeled", "/sys", false);

  private static List<DecodedExample> images(int n) {
    List<DecodedExample> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      byte[] img = new byte[32 * 32 * 3];
      for (int i = 0; i < img.length; i++) {
        img[i] = (byte) (i * (7 + k));
      }
      out.add(new DecodedExample("d/test/" + k, 0, k, 1, 32, 32, img));
    }
    return out;
  }

  @Test
  void defaultEngineIsPytorch() {
    assertEquals(BackendSpec.PYTORCH, PYTORCH.engine());
    assertThrows(IllegalArgumentException.class, () -> PYTORCH.withEngine("tensorflow"));
  }

  @Test
  void onnxruntimeEngineAgreesWithPytorchEngine() {
    List<DecodedExample> batch = images(3);
    try (SoftwareBackend pt = new SoftwareBackend(PYTORCH);
        SoftwareBackend ort = new SoftwareBackend(PYTORCH.withEngine("onnxruntime"))) {
      assertEquals(List.of("onnx-graph"), ort.stageNames());
      assertEquals("onnxruntime", ort.describe().get("engine"));
      assertEquals(pt.modelSha256(), ort.modelSha256());
      List<Backend.Answer> a = pt.run(batch);
      List<Backend.Answer> b = ort.run(batch);
      for (int i = 0; i < batch.size(); i++) {
        float[] x = a.get(i).result().logits();
        float[] y = b.get(i).result().logits();
        assertArrayEquals(x, y, 1e-3f, batch.get(i).id());
        assertEquals(a.get(i).result().top1(), b.get(i).result().top1());
        assertEquals(List.of("onnx-graph"),
            b.get(i).result().stages().stream().map(StageMeasure::stage).toList());
      }
    }
  }
}
