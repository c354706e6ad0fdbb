/**
 * The float model as an exported ONNX graph ({@link org.tinyode.model.onnx.OnnxExporter}) run by DJL's OnnxRuntime
 * engine, selected by name ({@value org.tinyode.floatmodel.onnx.OnnxRuntimeModel#ENGINE}) next to the PyTorch
 * engine on the same classpath; {@link org.tinyode.floatmodel.onnx.EngineBench} compares the two. See docs/onnx.md.
 */
package org.tinyode.floatmodel.onnx;
