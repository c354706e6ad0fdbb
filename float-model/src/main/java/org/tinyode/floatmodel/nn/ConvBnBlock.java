package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyode.floatmodel.quant.FakeQuant;
import org.tinyode.floatmodel.quant.FoldedLayer;
import org.tinyode.floatmodel.quant.IntegerLayer;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.floatmodel.quant.QuantMode;
import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.quant.Folding;

/**
 * One convolution with optional bias, optional BatchNorm and optional ReLU: the unit every other block is built
 * from. It owns its parameters under PyTorch {@code state_dict} names ({@code <conv>.weight}, {@code <conv>.bias},
 * {@code <bn>.weight|bias|running_mean|running_var}), and knows three ways to run:
 *
 * <ul>
 *   <li>{@link #forward} float: {@code relu?(bn?(conv(x) + b))} (BN uses batch statistics when training);
 *   <li>{@link #quantForward} in {@link QuantMode#QAT}: BN folded from running statistics, weights
 *       fake-quantized per output channel, integer accumulation, rshift/sat8 to {@code fOut};
 *   <li>{@link #quantForward} in {@link QuantMode#INTEGER}: the same arithmetic from a quantized file's tensors.
 * </ul>
 *
 * <p>Dimensions: B batch, Cin/Cout channels, H/W spatial, k kernel.
 */
public final class ConvBnBlock extends AbstractBlock {

  /** BatchNorm epsilon (PyTorch default); folding uses the model module's {@link Folding#BN_EPS}, the same value. */
  public static final float BN_EPS = 1e-5f;
  private static final double BN_EPS_DOUBLE = Folding.BN_EPS;
  /** BatchNorm momentum in DJL's convention: {@code running = 0.9 * running + 0.1 * batch}. */
  public static final float BN_MOMENTUM = 0.9f;

  private final String convName;
  private final String bnName;
  private final int inChannels;
  private final int outChannels;
  private final int kernel;
  private final int stride;
  private final boolean relu;
  private final QuantContext quant;
  private final Parameter weight;
  private final Parameter bias;
  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;

  private ConvBnBlock(Builder b) {
    super((byte) 1);
    convName = b.convName;
    bnName = b.bnName;
    inChannels = b.inChannels;
    outChannels = b.outChannels;
    kernel = b.kernel;
    stride = b.stride;
    relu = b.relu;
    quant = b.quant;
    double fanIn = (double) inChannels * kernel * kernel;
    weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(outChannels, inChannels, kernel, kernel))
        .optInitializer(new NormalInitializer((float) Math.sqrt(b.weightGain / fanIn))).build());
    bias = b.bias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
        .optShape(new Shape(outChannels)).optInitializer(new ConstantInitializer(0f)).build()) : null;
    if (bnName != null) {
      gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
          .optShape(new Shape(outChannels)).optInitializer(new ConstantInitializer(b.gammaInit)).build());
      beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
          .optShape(new Shape(outChannels)).optInitializer(new ConstantInitializer(0f)).build());
      runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
          .optShape(new Shape(outChannels)).optInitializer(new ConstantInitializer(0f)).optRequiresGrad(false)
          .build());
      runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
          .optShape(new Shape(outChannels)).optInitializer(new ConstantInitializer(1f)).optRequiresGrad(false)
          .build());
    } else {
      gamma = null;
      beta = null;
      runningMean = null;
      runningVar = null;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Layer name as used by the quantized file ({@code <L>} of docs/weights-format.md): the conv name. */
  public String layerName() {
    return convName;
  }

  public int outChannels() {
    return outChannels;
  }

  /** Parameters by their PyTorch {@code state_dict} name. */
  public Map<String, Parameter> stateDict() {
    Map<String, Parameter> m = new LinkedHashMap<>();
    m.put(convName + ".weight", weight);
    if (bias != null) {
      m.put(convName + ".bias", bias);
    }
    if (bnName != null) {
      m.put(bnName + ".weight", gamma);
      m.put(bnName + ".bias", beta);
      m.put(bnName + ".running_mean", runningMean);
      m.put(bnName + ".running_var", runningVar);
    }
    return m;
  }

  /** Float forward: {@code [B, Cin, H, W] -> [B, Cout, H/stride, W/stride]}. */
  public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
    NDArray y = Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad(), pad())).singletonOrThrow();
    if (bnName != null) {
      y = BatchNorm.batchNorm(y, ps.getValue(runningMean, x.getDevice(), training),
          ps.getValue(runningVar, x.getDevice(), training), ps.getValue(gamma, x.getDevice(), training),
          ps.getValue(beta, x.getDevice(), training), 1, BN_MOMENTUM, BN_EPS, training).singletonOrThrow();
    }
    return relu ? y.maximum(0f) : y;
  }

  /**
   * Weight and bias with BN folded in (section 4 of docs/fixed-point.md), times {@code scale}:
   * {@code w' = w * g}, {@code b' = beta + (b - mean) * g} with {@code g = gamma / sqrt(var + eps)}, computed in
   * {@code type} (float64 reproduces the model module's {@code Folding}/{@code Quantizer} bit for bit; the
   * result stays differentiable through the cast).
   */
  public NDArray[] folded(ParameterStore ps, NDManager manager, boolean training, double scale, DataType type) {
    NDArray w = ps.getValue(weight, manager.getDevice(), training).toType(type, false);
    NDArray b = bias == null ? null : ps.getValue(bias, manager.getDevice(), training).toType(type, false);
    if (bnName == null) {
      NDArray bb = b == null ? manager.zeros(new Shape(outChannels), type) : b;
      return scale == 1.0 ? new NDArray[] {w, bb} : new NDArray[] {w.mul(scale), bb.mul(scale)};
    }
    NDArray g = ps.getValue(gamma, manager.getDevice(), training).toType(type, false)
        .div(ps.getValue(runningVar, manager.getDevice(), training).toType(type, false).add(BN_EPS_DOUBLE).sqrt());
    NDArray wf = w.mul(g.reshape(outChannels, 1, 1, 1));
    NDArray mean = ps.getValue(runningMean, manager.getDevice(), training).toType(type, false);
    NDArray centred = b == null ? mean.neg() : b.sub(mean);
    NDArray bf = ps.getValue(beta, manager.getDevice(), training).toType(type, false).add(centred.mul(g));
    return scale == 1.0 ? new NDArray[] {wf, bf} : new NDArray[] {wf.mul(scale), bf.mul(scale)};
  }

  /** Float forward of a software stage with BN folded (QAT) or with a quantized file's folded tensors (INTEGER). */
  public NDArray foldedForward(ParameterStore ps, NDArray x, boolean training) {
    NDArray w;
    NDArray b;
    if (quant.mode() == QuantMode.INTEGER) {
      FoldedLayer l = quant.foldedLayer(convName);
      w = l.weight();
      b = l.bias();
    } else {
      NDArray[] wb = folded(ps, x.getManager(), training, 1.0, DataType.FLOAT32);
      w = wb[0];
      b = wb[1];
    }
    NDArray y = Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(pad(), pad())).singletonOrThrow();
    return relu ? y.maximum(0f) : y;
  }

  /**
   * Fixed-point forward (QAT or INTEGER): {@code xq} integers in format {@code fIn} to integers in format
   * {@code fOut}. {@code scale} is folded into the float weight and bias before quantization (MHSA's
   * {@code 1/sqrt(d)} on Q); it must be 1 in INTEGER mode (the file already has it folded).
   */
  public NDArray quantForward(ParameterStore ps, NDArray xq, int fIn, int fOut, boolean training, double scale) {
    if (quant.mode() == QuantMode.INTEGER) {
      IntegerLayer l = quant.integerLayer(convName);
      return FakeQuant.conv(xq, fIn, l.weightQ(), l.weightFrac(), l.biasQ(), stride, pad(), relu, fOut);
    }
    // Fold and quantize in float64 exactly as org.tinyode.model.quant.Quantizer does, then run the conv in the
    // activation type (fp32 in training: exact while accumulators stay below 2^24).
    NDManager m = xq.getManager();
    NDArray[] wb = folded(ps, m, training, scale, DataType.FLOAT64);
    int[] fw = weightFracs(wb[0]);
    NDArray wScale = FakeQuant.channelScale(m, fw, DataType.FLOAT64).reshape(outChannels, 1, 1, 1);
    NDArray wq = FakeQuant.roundHalfUp(wb[0].mul(wScale).clip(-127, 127)).toType(xq.getDataType(), false);
    int[] accFrac = new int[outChannels];
    for (int c = 0; c < outChannels; c++) {
      accFrac[c] = fIn + fw[c];
    }
    NDArray bScale = FakeQuant.channelScale(m, accFrac, DataType.FLOAT64).reshape(outChannels);
    NDArray bq = FakeQuant.roundHalfUp(wb[1].mul(bScale).clip(-2147483648.0, 2147483647.0))
        .toType(xq.getDataType(), false);
    return FakeQuant.conv(xq, fIn, wq, fw, bq, stride, pad(), relu, fOut);
  }

  /**
   * {@code fw[c] = floor(log2(127 / max|w[c]|))} per output channel, by {@link FixedPoint#fracForAbsMax} (on the
   * host, no gradient).
   */
  public static int[] weightFracs(NDArray w) {
    long out = w.getShape().get(0);
    double[] max = w.stopGradient().abs().reshape(out, -1).max(new int[] {1}).toType(DataType.FLOAT64, false)
        .toDoubleArray();
    int[] fw = new int[max.length];
    for (int c = 0; c < max.length; c++) {
      fw[c] = FixedPoint.fracForAbsMax(max[c]);
    }
    return fw;
  }

  private int pad() {
    return kernel / 2;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    return new NDList(forward(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long h = (in.get(2) + 2L * pad() - kernel) / stride + 1;
    long w = (in.get(3) + 2L * pad() - kernel) / stride + 1;
    return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
  }

  /** Validating builder. */
  public static final class Builder {
    private String convName;
    private String bnName;
    private int inChannels;
    private int outChannels;
    private int kernel = 3;
    private int stride = 1;
    private boolean bias;
    private boolean relu;
    private float gammaInit = 1f;
    private double weightGain = 2.0;
    private QuantContext quant;

    /** PyTorch names: {@code conv} (e.g. {@code ode1.conv1}) and {@code bn} (null = no BatchNorm). */
    public Builder names(String conv, String bn) {
      this.convName = conv;
      this.bnName = bn;
      return this;
    }

    public Builder channels(int in, int out) {
      this.inChannels = in;
      this.outChannels = out;
      return this;
    }

    public Builder kernel(int kernel, int stride) {
      this.kernel = kernel;
      this.stride = stride;
      return this;
    }

    public Builder optBias(boolean bias) {
      this.bias = bias;
      return this;
    }

    public Builder optRelu(boolean relu) {
      this.relu = relu;
      return this;
    }

    /** Initial BN gamma (0 makes a residual branch start as the identity). */
    public Builder optGammaInit(float gammaInit) {
      this.gammaInit = gammaInit;
      return this;
    }

    /** He-normal gain: weights ~ N(0, gain / fan_in); 2 for ReLU layers, 1 for linear ones. */
    public Builder optWeightGain(double gain) {
      this.weightGain = gain;
      return this;
    }

    public Builder quant(QuantContext quant) {
      this.quant = quant;
      return this;
    }

    public ConvBnBlock build() {
      if (convName == null || convName.isBlank()) {
        throw new IllegalArgumentException("conv name is required");
      }
      if (inChannels <= 0 || outChannels <= 0) {
        throw new IllegalArgumentException(convName + ": channels must be positive, got " + inChannels + " -> "
            + outChannels);
      }
      if (kernel <= 0 || kernel % 2 == 0 || stride <= 0) {
        throw new IllegalArgumentException(convName + ": kernel must be odd and positive and stride positive, got "
            + kernel + "/" + stride);
      }
      if (quant == null) {
        throw new IllegalArgumentException(convName + ": quant context is required");
      }
      return new ConvBnBlock(this);
    }
  }
}
