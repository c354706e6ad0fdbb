/**
 * ONNX export of the float model (pure Java: protobuf classes generated from {@code src/main/proto/onnx_subset.proto},
 * a wire-compatible subset of the ONNX format). {@link org.tinyode.model.onnx.OnnxExporter} writes the network of a
 * float weights file as a standard opset-17 graph; {@link org.tinyode.model.onnx.GraphBuilder} is the small node and
 * initializer helper it uses. See docs/onnx.md.
 */
package org.tinyode.model.onnx;
