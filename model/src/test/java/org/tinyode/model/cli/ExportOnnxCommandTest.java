package org.tinyode.model.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.model.onnx.proto.OnnxSubset.ModelProto;

class ExportOnnxCommandTest {
  @Test
  void exportsFloatWeightsAndRejectsQuantized(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("r.safetensors");
    Path q = dir.resolve("q.safetensors");
    assertEquals(0, ModelCommandTest.run("random", "--preset", "cifar10-ode", "--out", f.toString()).code());
    assertEquals(0, ModelCommandTest.run("random", "--preset", "cifar10-ode", "--quantized", "--out",
        q.toString()).code());
    Path out = dir.resolve("m.onnx");
    ModelCommandTest.Run r = ModelCommandTest.run("export-onnx", "--model", f.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("ONNX opset 17"), r.out());
    assertEquals("cifar10-ode", ModelProto.parseFrom(Files.readAllBytes(out)).getGraph().getName());
    ModelCommandTest.Run bad = ModelCommandTest.run("export-onnx", "--model", q.toString(), "--out",
        dir.resolve("q.onnx").toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("needs a float weights file"), bad.err());
  }
}
