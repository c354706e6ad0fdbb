package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Map;
import org.tinyode.floatmodel.quant.FakeQuant;
import org.tinyode.floatmodel.quant.IntegerSoftmax;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.floatmodel.quant.QuantMode;
import org.tinyode.model.spec.MhsaSpec;

/**
 * BoTNet-style multi-head self-attention with 2-D relative position logits, 1x1 projections and a residual.
 *
 * <p>Dimensions: B batch, C = heads * d channels, N = H * W positions.
 *
 * <pre>
 *   q, k, v = conv1x1(x) (q scaled by 1/sqrt(d))                      [B, C, H, W] -> [B, heads, N, d]
 *   logits_ij = q_i . k_j + q_i . (R_h[y_j - y_i + H - 1] + R_w[x_j - x_i + W - 1])   [B, heads, N, N]
 *   o = softmax_j(logits) v, heads concatenated along channels        [B, C, H, W]
 *   y = x + proj(o)                                                   [B, C, H, W]
 * </pre>
 *
 * Fixed point: docs/fixed-point.md section 6 (edges {@code <name>.q|k|v|attn|proj|out}, integer softmax).
 */
public final class RelativeMhsaBlock extends StageBlock {

  private final int heads;
  private final int headDim;
  private final int height;
  private final int width;
  private final String inEdge;
  private final ConvBnBlock q;
  private final ConvBnBlock k;
  private final ConvBnBlock v;
  private final ConvBnBlock proj;
  private final Parameter relH;
  private final Parameter relW;

  private RelativeMhsaBlock(MhsaSpec spec, String inEdge, QuantContext quant) {
    super(spec.name(), quant);
    this.heads = spec.heads();
    this.headDim = spec.headDim();
    this.height = spec.height();
    this.width = spec.width();
    this.inEdge = inEdge;
    int c = spec.channels();
    String n = spec.name();
    q = addChildBlock("q", conv1x1(n + ".q", c, quant, 1.0));
    k = addChildBlock("k", conv1x1(n + ".k", c, quant, 1.0));
    v = addChildBlock("v", conv1x1(n + ".v", c, quant, 1.0));
    proj = addChildBlock("proj", conv1x1(n + ".proj", c, quant, 1.0));
    float relStd = (float) Math.pow(headDim, -0.5);
    relH = addParameter(Parameter.builder().setName("rel_h").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(heads, 2L * height - 1, headDim)).optInitializer(new NormalInitializer(relStd)).build());
    relW = addParameter(Parameter.builder().setName("rel_w").setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(heads, 2L * width - 1, headDim)).optInitializer(new NormalInitializer(relStd)).build());
  }

  private static ConvBnBlock conv1x1(String name, int c, QuantContext quant, double gain) {
    return ConvBnBlock.builder().names(name, null).channels(c, c).kernel(1, 1).optBias(true).optWeightGain(gain)
        .quant(quant).build();
  }

  /** An MHSA stage from its spec; {@code inEdge} is the activation edge feeding it. */
  public static RelativeMhsaBlock of(MhsaSpec spec, String inEdge, QuantContext quant) {
    if (inEdge == null) {
      throw new IllegalArgumentException(spec.name() + ": input edge name is required");
    }
    return new RelativeMhsaBlock(spec, inEdge, quant);
  }

  public String outEdge() {
    return stageName + ".out";
  }

  @Override
  public Map<String, Parameter> stateDict() {
    Map<String, Parameter> m = super.stateDict();
    m.put(stageName + ".rel_h", relH);
    m.put(stageName + ".rel_w", relW);
    return m;
  }

  @Override
  public NDArray run(ParameterStore ps, NDArray x, boolean training) {
    if (quant.quantized()) {
      return runQuantized(ps, x, training);
    }
    boolean calibrate = quant.mode() == QuantMode.CALIBRATE;
    double scale = 1.0 / Math.sqrt(headDim);
    NDArray qx = q.forward(ps, x, training).mul(scale);          // [B, C, H, W]
    NDArray kx = k.forward(ps, x, training);
    NDArray vx = v.forward(ps, x, training);
    NDArray r = RelativePositions.table(x.getManager(), ps.getValue(relH, x.getDevice(), training),
        ps.getValue(relW, x.getDevice(), training), height, width);           // [heads, N, N, d]
    if (calibrate) {
      quant.observe(stageName + ".q", absMax(qx));
      quant.observe(stageName + ".k", absMax(kx));
      quant.observe(stageName + ".v", absMax(vx));
    }
    NDArray qh = toHeads(qx);                                    // [B, heads, N, d]
    NDArray logits = qh.matMul(toHeads(kx).transpose(0, 1, 3, 2))            // [B, heads, N, N]
        .add(RelativePositions.logits(qh, r));
    NDArray o = fromHeads(logits.softmax(3).matMul(toHeads(vx)));             // [B, C, H, W]
    NDArray p = proj.forward(ps, o, training);
    NDArray y = x.add(p);
    if (calibrate) {
      quant.observe(stageName + ".attn", absMax(o));
      quant.observe(stageName + ".proj", absMax(p));
      quant.observe(outEdge(), absMax(y));
    }
    return y;
  }

  private NDArray runQuantized(ParameterStore ps, NDArray xq, boolean training) {
    int fx = quant.frac(inEdge);
    int fq = quant.frac(stageName + ".q");
    int fk = quant.frac(stageName + ".k");
    int fv = quant.frac(stageName + ".v");
    int fo = quant.frac(stageName + ".attn");
    int fp = quant.frac(stageName + ".proj");
    int fy = quant.frac(outEdge());
    boolean integer = quant.mode() == QuantMode.INTEGER;
    NDArray qq = q.quantForward(ps, xq, fx, fq, training, integer ? 1.0 : 1.0 / Math.sqrt(headDim));
    NDArray kq = k.quantForward(ps, xq, fx, fk, training, 1.0);
    NDArray vq = v.quantForward(ps, xq, fx, fv, training, 1.0);
    NDArray rhq;
    NDArray rwq;
    if (integer) {
      rhq = quant.integerLayer(stageName + ".rel_h").weightQ();
      rwq = quant.integerLayer(stageName + ".rel_w").weightQ();
    } else {
      rhq = FakeQuant.quantize8(ps.getValue(relH, xq.getDevice(), training), fk);
      rwq = FakeQuant.quantize8(ps.getValue(relW, xq.getDevice(), training), fk);
    }
    NDArray r = RelativePositions.table(xq.getManager(), rhq, rwq, height, width);              // [heads, N, N, d] ints (int16 range)
    NDArray qh = toHeads(qq);                                                  // [B, heads, N, d] ints
    NDArray logits = qh.matMul(toHeads(kq).transpose(0, 1, 3, 2))             // [B, heads, N, N] ints, 2^-(fq+fk)
        .add(RelativePositions.logits(qh, r));
    NDArray pInt = IntegerSoftmax.apply(logits, fq + fk).toType(logits.getDataType(), false);  // [0, 255]
    NDArray p;
    if (integer) {
      p = pInt;
    } else {
      NDArray soft = logits.mul(Math.scalb(1.0, -(fq + fk))).softmax(3).mul(256.0);
      p = soft.add(pInt.sub(soft).stopGradient());               // integer forward, softmax gradient
    }
    NDArray acc = p.matMul(toHeads(vq));                         // [B, heads, N, d] ints, scale 2^-(8+fv)
    NDArray o = FakeQuant.requantize(fromHeads(acc), fo - 8 - fv, -128, 127);  // edge attn, format fo
    NDArray pr = proj.quantForward(ps, o, fo, fp, training, 1.0);             // edge proj, format fp
    // y = sat8(rshift(x, fx - fy) + rshift(proj, fp - fy))
    NDArray sum = FakeQuant.roundHalfUp(xq.mul(Math.scalb(1.0, fy - fx)))
        .add(FakeQuant.roundHalfUp(pr.mul(Math.scalb(1.0, fy - fp))));
    return sum.clip(-128, 127);
  }

  /** {@code [B, C, H, W] -> [B, heads, N, d]} (head h owns channels h*d .. h*d + d - 1). */
  private NDArray toHeads(NDArray x) {
    long b = x.getShape().get(0);
    return x.reshape(b, heads, headDim, (long) height * width).transpose(0, 1, 3, 2);
  }

  /** {@code [B, heads, N, d] -> [B, C, H, W]}. */
  private NDArray fromHeads(NDArray x) {
    long b = x.getShape().get(0);
    return x.transpose(0, 1, 3, 2).reshape(b, (long) heads * headDim, height, width);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
