package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;

/**
 * The ODE right-hand side {@code f(z) = BN2(conv2(ReLU(BN1(conv1(z)))))}, 3x3 stride 1 padding 1, C -> C -> C.
 * One instance is reused by every Euler step of its {@link OdeBlock}.
 */
public final class OdeFunctionBlock extends StageBlock {

  private final ConvBnBlock conv1;
  private final ConvBnBlock conv2;

  OdeFunctionBlock(String ode, int channels, boolean zeroInitResidual, org.tinyode.floatmodel.quant.QuantContext quant) {
    super(ode + ".f", quant);
    conv1 = addChildBlock("conv1", ConvBnBlock.builder().names(ode + ".conv1", ode + ".bn1")
        .channels(channels, channels).kernel(3, 1).optRelu(true).quant(quant).build());
    conv2 = addChildBlock("conv2", ConvBnBlock.builder().names(ode + ".conv2", ode + ".bn2")
        .channels(channels, channels).kernel(3, 1).optGammaInit(zeroInitResidual ? 0f : 1f).optWeightGain(1.0)
        .quant(quant).build());
  }

  ConvBnBlock conv1() {
    return conv1;
  }

  ConvBnBlock conv2() {
    return conv2;
  }

  /** Float {@code f(z)}: {@code [B, C, H, W] -> [B, C, H, W]}. */
  @Override
  public NDArray run(ParameterStore ps, NDArray z, boolean training) {
    return conv2.forward(ps, conv1.forward(ps, z, training), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
