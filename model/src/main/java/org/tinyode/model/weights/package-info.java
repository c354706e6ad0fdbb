/**
 * Safetensors reading and writing ({@link org.tinyode.model.weights.SafeTensors}), tensors
 * ({@link org.tinyode.model.weights.TensorData}), TinyODE weights files with spec, provenance and a tensor checksum
 * ({@link org.tinyode.model.weights.WeightsFile}) and the expected tensor names per spec
 * ({@link org.tinyode.model.weights.WeightNames}). See docs/weights-format.md.
 */
package org.tinyode.model.weights;
