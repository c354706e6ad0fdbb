package org.tinyode.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tinyode.model.onnx.proto.OnnxSubset.ModelProto;
import org.tinyode.model.onnx.proto.OnnxSubset.NodeProto;
import org.tinyode.model.onnx.proto.OnnxSubset.StringStringEntryProto;
import org.tinyode.model.onnx.proto.OnnxSubset.TensorProto;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

class OnnxExporterTest {
  private static final WeightsFile W = RandomWeights.floatWeights(ModelSpec.preset("cifar10-ode"), 7);

  @Test
  void headerOpsetAndMetadata() throws Exception {
    ModelProto m = ModelProto.parseFrom(OnnxExporter.export(W, "x.safetensors").toByteArray());
    assertEquals(8, m.getIrVersion());
    assertEquals(17, m.getOpsetImport(0).getVersion());
    assertEquals("", m.getOpsetImport(0).getDomain());
    Map<String, String> meta = m.getMetadataPropsList().stream()
        .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
    assertEquals(W.spec(), ModelSpec.fromJson(meta.get("tinyode.spec")));
    assertEquals(W.sha256(), meta.get("tinyode.tensors_sha256"));
    assertEquals("float", meta.get("tinyode.kind"));
    assertEquals("input", m.getGraph().getInput(0).getName());
    assertEquals("logits", m.getGraph().getOutput(0).getName());
    assertEquals("logits", m.getGraph().getNode(m.getGraph().getNodeCount() - 1).getOutput(0));
  }

  @Test
  void odeWeightsStoredOnceAndSharedByEveryStep() {
    ModelProto m = OnnxExporter.export(W, null);
    Map<String, Integer> initCount = new HashMap<>();
    for (TensorProto t : m.getGraph().getInitializerList()) {
      initCount.merge(t.getName(), 1, Integer::sum);
    }
    assertEquals(1, initCount.get("ode1.conv1.weight"));
    long uses = m.getGraph().getNodeList().stream().filter(n -> n.getInputList().contains("ode1.conv1.weight"))
        .count();
    assertEquals(2, uses, "cifar10-ode: ode1 has 2 Euler steps");
    long convs = m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).count();
    // stem 1 + ode1 2x2 + trans1 1 + ode2 2x2 + trans2 1 + mhsa 4 = 15
    assertEquals(15, convs);
    assertTrue(m.getGraph().getNodeList().stream().map(NodeProto::getOpType).anyMatch("Gather"::equals));
  }

  @Test
  void foldedConvWeightsAreTheQuantizersFold() {
    ModelProto m = OnnxExporter.export(W, null);
    TensorProto t = m.getGraph().getInitializerList().stream().filter(x -> x.getName().equals("mhsa.q.bias"))
        .findFirst().orElseThrow();
    java.nio.FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer();
    double[] want = Quantizer.fold(W, W.spec(), org.tinyode.model.weights.WeightNames.convLayers(W.spec())
        .stream().filter(l -> l.name().equals("mhsa.q")).findFirst().orElseThrow()).bias();
    for (int i = 0; i < want.length; i++) {
      assertEquals((float) want[i], fb.get(i), 0f);
    }
  }

  @Test
  void quantizedFileIsRejected() {
    WeightsFile q = Quantizer.quantize(W, Quantizer.defaultFracs(W.spec()));
    assertThrows(WeightsException.class, () -> OnnxExporter.export(q, null));
  }
}
