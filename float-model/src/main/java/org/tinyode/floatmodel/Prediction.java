package org.tinyode.floatmodel;

import java.util.Map;

/**
 * The model's answer for one image.
 *
 * @param id example id
 * @param logits class scores (float32)
 * @param top1 arg-max class id
 * @param stageOutputs per stage (stem, FPGA stages, head) the image's output tensor flattened CHW (in the quantized
 *     modes the FPGA stages hold the int8 values of their output edge); empty unless requested
 * @param stageNanos per stage the wall time of that stage for the whole batch this image was part of (measured:
 *     System.nanoTime around each stage, stages run one by one)
 * @param batchSize images in that batch (divide {@code stageNanos} by it for a per-image share)
 */
public record Prediction(String id, float[] logits, int top1, Map<String, float[]> stageOutputs,
    Map<String, Long> stageNanos, int batchSize) {}
