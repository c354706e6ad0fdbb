package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.tinyode.floatmodel.quant.FakeQuant;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.floatmodel.quant.QuantMode;
import org.tinyode.model.spec.StemSpec;

/**
 * Software pre-processing stage (CPU, float32): conv k x k / s + BN + ReLU, then an optional max-pool.
 *
 * <pre>
 *   x [B, 3, H, W] (normalised)  -- conv/bn/relu -->  [B, C0, H/s, W/s]  -- maxpool -->  [B, C0, H', W']
 * </pre>
 *
 * In the quantized modes BN is folded and the output is quantized to edge {@code stem.out} (the FPGA input).
 */
public final class StemBlock extends StageBlock {

  /** Name of the stem's output edge (the FPGA input). */
  public static final String OUT_EDGE = "stem.out";

  private final ConvBnBlock conv;
  private final int poolKernel;
  private final int poolStride;
  private final int poolPadding;

  private StemBlock(StemSpec spec, QuantContext quant) {
    super("stem", quant);
    conv = addChildBlock("conv", ConvBnBlock.builder().names("stem.conv", "stem.bn").channels(3, spec.outChannels())
        .kernel(spec.kernel(), spec.stride()).optRelu(true).quant(quant).build());
    poolKernel = spec.poolKernel();
    poolStride = spec.poolStride();
    poolPadding = spec.poolPadding();
  }

  /** A stem from its spec (validated by the spec itself). */
  public static StemBlock of(StemSpec spec, QuantContext quant) {
    return new StemBlock(spec, quant);
  }

  @Override
  public NDArray run(ParameterStore ps, NDArray x, boolean training) {
    QuantMode mode = quant.mode();
    if (mode == QuantMode.QAT || mode == QuantMode.INTEGER) {
      NDArray y = pool(conv.foldedForward(ps, x, training));    // [B, C0, H', W'] float
      NDArray q = FakeQuant.quantize8(y, quant.frac(OUT_EDGE));  // [B, C0, H', W'] int8 values, format f(stem.out)
      return mode == QuantMode.INTEGER ? q.toType(DataType.FLOAT64, false) : q;
    }
    NDArray y = pool(conv.forward(ps, x, training));             // [B, C0, H', W']
    if (mode == QuantMode.CALIBRATE) {
      quant.observe(OUT_EDGE, absMax(y));
    }
    return y;
  }

  private NDArray pool(NDArray y) {
    if (poolKernel == 0) {
      return y;
    }
    return Pool.maxPool2d(y, new Shape(poolKernel, poolKernel), new Shape(poolStride, poolStride),
        new Shape(poolPadding, poolPadding), false);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = conv.getOutputShapes(inputShapes)[0];
    if (poolKernel == 0) {
      return new Shape[] {s};
    }
    long h = (s.get(2) + 2L * poolPadding - poolKernel) / poolStride + 1;
    long w = (s.get(3) + 2L * poolPadding - poolKernel) / poolStride + 1;
    return new Shape[] {new Shape(s.get(0), s.get(1), h, w)};
  }
}
