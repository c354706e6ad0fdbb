package org.tinyode.model.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

class QuantizerTest {
  static final ModelSpec SPEC = ModelSpec.preset("cifar10-ode");

  @Test
  void quantizedFileFollowsTheRules(@TempDir Path dir) {
    WeightsFile fw = RandomWeights.floatWeights(SPEC, 11);
    Map<String, Integer> fracs = new HashMap<>(Quantizer.defaultFracs(SPEC));
    fracs.put("trans1.out", 3);
    WeightsFile q = Quantizer.quantize(fw, fracs, "test");
    assertEquals(WeightsFile.Kind.QUANTIZED, q.kind());
    assertEquals(3, q.frac("trans1.out"));
    Path file = dir.resolve("q.safetensors");
    q.save(file);
    assertEquals(q.tensors(), WeightsFile.load(file, SPEC).tensors());
    assertTrue(q.provenance().note().endsWith("quantized per docs/fixed-point.md v1 (test)"));

    // re-derive one weight, the frac and the bias of ode2.conv1 channel 5 by hand from the float tensors
    float[] w = fw.tensor("ode2.conv1.weight").asFloats();
    double s = fw.tensor("ode2.bn1.weight").asFloats()[5]
        / Math.sqrt(fw.tensor("ode2.bn1.running_var").asFloats()[5] + 1e-5);
    int per = 128 * 9;
    double max = 0;
    for (int i = 5 * per; i < 6 * per; i++) {
      max = Math.max(max, Math.abs(w[i] * s));
    }
    int f = (int) Math.floor(Math.log(127 / max) / Math.log(2));
    assertEquals(f, q.tensor("ode2.conv1.weight_frac").asBytes()[5]);
    int i = 5 * per + 17;
    assertEquals(Math.max(-127, Math.min(127, Math.floor(w[i] * s * Math.pow(2, f) + 0.5))),
        q.tensor("ode2.conv1.weight_q").asBytes()[i]);
    double b = fw.tensor("ode2.bn1.bias").asFloats()[5] - fw.tensor("ode2.bn1.running_mean").asFloats()[5] * s;
    // ode2's input edge is trans1.out (frac 3)
    assertEquals((int) Math.floor(b * Math.pow(2, 3 + f) + 0.5), q.tensor("ode2.conv1.bias_q").asInts()[5]);
  }

  @Test
  void queryIsScaledAndEmbeddingsUseTheKFormat() {
    WeightsFile fw = RandomWeights.floatWeights(SPEC, 12);
    Map<String, Integer> fracs = new HashMap<>(Quantizer.defaultFracs(SPEC));
    fracs.put("mhsa.k", 6);
    WeightsFile q = Quantizer.quantize(fw, fracs);
    float[] wq = fw.tensor("mhsa.q.weight").asFloats();
    double max = 0;
    for (int i = 0; i < 256; i++) {
      max = Math.max(max, Math.abs(wq[i] / 8.0));
    }
    assertEquals(FixedPoint.fracForAbsMax(max), q.tensor("mhsa.q.weight_frac").asBytes()[0]);
    float r = fw.tensor("mhsa.rel_w").asFloats()[3];
    assertEquals(FixedPoint.quantize(r, 6), q.tensor("mhsa.rel_w_q").asBytes()[3]);
  }

  @Test
  void missingEdgesAndWrongKind() {
    WeightsFile fw = RandomWeights.floatWeights(SPEC, 13);
    Map<String, Integer> fracs = new HashMap<>(Quantizer.defaultFracs(SPEC));
    fracs.remove("ode1.f");
    WeightsException e = assertThrows(WeightsException.class, () -> Quantizer.quantize(fw, fracs));
    assertTrue(e.getMessage().contains("[ode1.f]"), e.getMessage());
    WeightsFile q = Quantizer.quantize(fw, Quantizer.defaultFracs(SPEC));
    assertThrows(WeightsException.class, () -> Quantizer.quantize(q, Quantizer.defaultFracs(SPEC)));
  }
}
