package org.tinyode.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyode.model.spec.ModelSpec;

class WeightNamesTest {
  static final ModelSpec SPEC = ModelSpec.preset("paper-stl10");

  @Test
  void floatNames() {
    Map<String, ExpectedTensor> m = WeightNames.floatTensors(SPEC);
    // stem 1+4, ode 2*(1+4) x2, trans (1+4) x2, mhsa 8+2, head 2
    assertEquals(5 + 20 + 10 + 10 + 2, m.size());
    assertArrayEquals(new int[] {64, 3, 7, 7}, m.get("stem.conv.weight").shape());
    assertArrayEquals(new int[] {256, 128, 3, 3}, m.get("trans2.conv.weight").shape());
    assertArrayEquals(new int[] {4, 11, 64}, m.get("mhsa.rel_h").shape());
    assertArrayEquals(new int[] {10, 256}, m.get("head.fc.weight").shape());
    assertTrue(m.containsKey("ode2.bn2.running_var"));
  }

  @Test
  void quantizedNamesAndEdges() {
    Map<String, ExpectedTensor> m = WeightNames.quantizedTensors(SPEC);
    assertEquals(DType.I8, m.get("ode1.conv1.weight_q").dtype());
    assertEquals(DType.I32, m.get("mhsa.proj.bias_q").dtype());
    assertArrayEquals(new int[] {128}, m.get("ode2.conv2.weight_frac").shape());
    assertArrayEquals(new int[] {1}, m.get("frac.mhsa.attn").shape());
    assertEquals(List.of("stem.out", "ode1.act", "ode1.f", "trans1.out", "ode2.act", "ode2.f", "trans2.out",
        "mhsa.q", "mhsa.k", "mhsa.v", "mhsa.attn", "mhsa.proj", "mhsa.out"), WeightNames.edges(SPEC));
    assertEquals("stem.out", WeightNames.inputEdge(SPEC, 0));
    assertEquals("stem.out", WeightNames.outputEdge(SPEC, 0));
    assertEquals("trans1.out", WeightNames.inputEdge(SPEC, 2));
    assertEquals("trans2.out", WeightNames.inputEdge(SPEC, 4));
    assertEquals(10, WeightNames.convLayers(SPEC).size()); // 2+1+2+1 convs + q,k,v,proj
    assertEquals("mhsa.attn", WeightNames.convLayers(SPEC).get(9).inEdge());
  }
}
