package org.tinyode.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.tinyode.transforms.backend.BackendSpec;

/** Options → backend specs: --engine reaches the software backend of evaluate and of compare. */
class BackendSpecOptionsTest {
  @Test
  void compareRunsItsSoftwareBackendOnTheChosenEngine() {
    CompareOptions o = PipelineOptionsFactory.fromArgs("--backends=software,golden", "--engine=onnxruntime")
        .as(CompareOptions.class);
    BackendSpec sw = RunDriver.spec("software", o, false);
    assertEquals("onnxruntime", sw.engine());
    assertTrue(sw.model().endsWith("cifar10-ode.float.safetensors"), sw.model());
    assertTrue(RunDriver.spec("golden", o, true).model().endsWith("cifar10-ode.quant.safetensors"));
  }

  @Test
  void evaluateDefaultsToPytorchAndRejectsAnUnknownEngineByName() {
    EvaluateOptions o = PipelineOptionsFactory.fromArgs("--backend=software").as(EvaluateOptions.class);
    assertEquals("pytorch", RunDriver.spec("software", o, false).engine());
    o.setEngine("tensorrt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunDriver.spec("software", o, false));
    assertTrue(e.getMessage().contains("tensorrt"), e.getMessage());
  }
}
