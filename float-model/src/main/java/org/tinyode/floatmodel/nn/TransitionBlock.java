package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.floatmodel.quant.QuantMode;
import org.tinyode.model.spec.TransitionSpec;

/**
 * Strided transition between ODEBlocks: conv k x k / s (no bias) + BN + ReLU.
 *
 * <pre>
 *   x [B, Cin, H, W]  -->  y [B, Cout, H/s, W/s]   (edge {@code <name>.out})
 * </pre>
 */
public final class TransitionBlock extends StageBlock {

  private final ConvBnBlock conv;
  private final String inEdge;

  private TransitionBlock(TransitionSpec spec, String inEdge, QuantContext quant) {
    super(spec.name(), quant);
    this.inEdge = inEdge;
    conv = addChildBlock("conv", ConvBnBlock.builder().names(spec.name() + ".conv", spec.name() + ".bn")
        .channels(spec.inChannels(), spec.outChannels()).kernel(spec.kernel(), spec.stride()).optRelu(true)
        .quant(quant).build());
  }

  /** A transition from its spec; {@code inEdge} is the activation edge feeding it. */
  public static TransitionBlock of(TransitionSpec spec, String inEdge, QuantContext quant) {
    if (inEdge == null) {
      throw new IllegalArgumentException(spec.name() + ": input edge name is required");
    }
    return new TransitionBlock(spec, inEdge, quant);
  }

  /** This stage's output edge. */
  public String outEdge() {
    return stageName + ".out";
  }

  @Override
  public NDArray run(ParameterStore ps, NDArray x, boolean training) {
    QuantMode mode = quant.mode();
    if (quant.quantized()) {
      return conv.quantForward(ps, x, quant.frac(inEdge), quant.frac(outEdge()), training, 1.0);
    }
    NDArray y = conv.forward(ps, x, training);                   // [B, Cout, H/s, W/s]
    if (mode == QuantMode.CALIBRATE) {
      quant.observe(outEdge(), absMax(y));
    }
    return y;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }
}
