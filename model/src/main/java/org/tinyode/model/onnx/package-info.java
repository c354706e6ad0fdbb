/**
 * Interchange with the PyTorch/ONNX world: ONNX export of the float model (pure Java: protobuf classes generated from {@code src/main/proto/onnx_subset.proto},
 * a wire-compatible subset of the ONNX format). {@link org.tinyode.model.onnx.OnnxExporter} writes the network of a
 * float weights file as a standard opset-17 graph; {@link org.tinyode.model.onnx.GraphBuilder} is the small node and
 * initializer helper it uses; {@link org.tinyode.model.onnx.StateDictImport} takes the other direction, a PyTorch
 * {@code state_dict} saved with safetensors into a TinyODE float weights file. See docs/onnx.md.
 */
package org.tinyode.model.onnx;
