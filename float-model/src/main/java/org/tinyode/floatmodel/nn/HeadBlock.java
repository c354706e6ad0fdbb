package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyode.floatmodel.quant.QuantContext;

/**
 * Software classifier (CPU, float32): global average pool + fully connected layer.
 *
 * <pre>
 *   x [B, C, H, W]  -- mean over H, W -->  [B, C]  -- fc -->  logits [B, classes]
 * </pre>
 *
 * In the quantized modes the input holds integers in the format of {@code inEdge} and is dequantized first.
 */
public final class HeadBlock extends StageBlock {

  private final int channels;
  private final int classes;
  private final String inEdge;
  private final Parameter weight;
  private final Parameter bias;

  private HeadBlock(int channels, int classes, String inEdge, QuantContext quant) {
    super("head", quant);
    this.channels = channels;
    this.classes = classes;
    this.inEdge = inEdge;
    weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(classes, channels))
        .optInitializer(new NormalInitializer((float) Math.sqrt(1.0 / channels))).build());
    bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
        .optShape(new Shape(classes)).optInitializer(new ConstantInitializer(0f)).build());
  }

  /** A head over {@code channels} features to {@code classes} logits, fed by edge {@code inEdge}. */
  public static HeadBlock of(int channels, int classes, String inEdge, QuantContext quant) {
    if (channels <= 0 || classes <= 0) {
      throw new IllegalArgumentException("head: channels and classes must be positive, got " + channels + ", "
          + classes);
    }
    return new HeadBlock(channels, classes, inEdge, quant);
  }

  @Override
  public Map<String, Parameter> stateDict() {
    Map<String, Parameter> m = new LinkedHashMap<>();
    m.put("head.fc.weight", weight);
    m.put("head.fc.bias", bias);
    return m;
  }

  @Override
  public NDArray run(ParameterStore ps, NDArray x, boolean training) {
    NDArray in = quant.quantized() ? x.mul(Math.scalb(1.0, -quant.frac(inEdge))).toType(DataType.FLOAT32, false) : x;
    Shape s = in.getShape();
    NDArray pooled = in.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});   // [B, C]
    return Linear.linear(pooled, ps.getValue(weight, x.getDevice(), training),
        ps.getValue(bias, x.getDevice(), training)).singletonOrThrow();   // [B, classes]
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
  }
}
