package org.tinyode.pipelines;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of {@code tinyode evaluate}: one backend over the selected examples. */
public interface EvaluateOptions extends TinyOdeOptions {
  @Description("Backend: software (DJL float model), golden (bit-exact fixed-point model) or fpga (board pool)")
  @Default.String("golden")
  String getBackend();

  void setBackend(String value);

  @Description("Engine of the software backend: pytorch (DJL float network) or onnxruntime (the exported ONNX graph "
      + "on DJL's OnnxRuntime engine, docs/onnx.md)")
  @Default.String("pytorch")
  String getEngine();

  void setEngine(String value);
}
