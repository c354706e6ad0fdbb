package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.tinyode.floatmodel.quant.FakeQuant;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.floatmodel.quant.QuantMode;
import org.tinyode.model.spec.OdeBlockSpec;

/**
 * Neural-ODE block: {@code steps} explicit Euler steps {@code z <- z + h * f(z)} over ONE shared child
 * {@link OdeFunctionBlock}, so the parameter count does not depend on the number of steps.
 *
 * <pre>
 *   z0 = x [B, C, H, W];  z_{s+1} = z_s + h * f(z_s)  (s = 0 .. steps-1);  y = z_steps [B, C, H, W]
 * </pre>
 *
 * Fixed point (docs/fixed-point.md section 5): the state keeps the format of the edge feeding the block
 * ({@code inEdge}); {@code f} writes {@code <name>.act} (after conv1+ReLU) and {@code <name>.f};
 * {@code z' = sat8(z + rshift(f, f_f + k - f_z))} with {@code h = 2^-k}.
 */
public final class OdeBlock extends StageBlock {

  private final OdeFunctionBlock f;
  private final int steps;
  private final double stepSize;
  private final int stepShift;
  private final String inEdge;

  private OdeBlock(Builder b) {
    super(b.name, b.quant);
    f = addChildBlock("f", new OdeFunctionBlock(b.name, b.channels, b.zeroInitResidual, b.quant));
    steps = b.steps;
    stepSize = Math.scalb(1.0, -b.stepShift);
    stepShift = b.stepShift;
    inEdge = b.inEdge;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int steps() {
    return steps;
  }

  @Override
  public NDArray run(ParameterStore ps, NDArray x, boolean training) {
    QuantMode mode = quant.mode();
    if (mode == QuantMode.QAT || mode == QuantMode.INTEGER) {
      return runQuantized(ps, x, training);
    }
    NDArray z = x;                                               // [B, C, H, W]
    for (int s = 0; s < steps; s++) {
      if (mode == QuantMode.CALIBRATE) {
        quant.observe(inEdge, absMax(z));
        NDArray a = f.conv1().forward(ps, z, training);          // [B, C, H, W] edge <name>.act
        quant.observe(stageName + ".act", absMax(a));
        NDArray fz = f.conv2().forward(ps, a, training);         // [B, C, H, W] edge <name>.f
        quant.observe(stageName + ".f", absMax(fz));
        z = z.add(fz.mul(stepSize));
      } else {
        z = z.add(f.run(ps, z, training).mul(stepSize));         // [B, C, H, W]
      }
    }
    if (mode == QuantMode.CALIBRATE) {
      quant.observe(inEdge, absMax(z));
    }
    return z;
  }

  private NDArray runQuantized(ParameterStore ps, NDArray zq, boolean training) {
    int fz = quant.frac(inEdge);
    int fa = quant.frac(stageName + ".act");
    int ff = quant.frac(stageName + ".f");
    NDArray z = zq;                                              // [B, C, H, W] format f_z
    for (int s = 0; s < steps; s++) {
      NDArray a = f.conv1().quantForward(ps, z, fz, fa, training, 1.0);   // format f_a
      NDArray fq = f.conv2().quantForward(ps, a, fa, ff, training, 1.0);  // format f_f
      // z' = sat8(z + rshift(f, f_f + k - f_z))
      z = z.add(FakeQuant.roundHalfUp(fq.mul(Math.scalb(1.0, fz - ff - stepShift)))).clip(-128, 127);
    }
    return z;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }

  /** Validating builder. */
  public static final class Builder {
    private String name;
    private int channels;
    private int steps;
    private int stepShift;
    private String inEdge;
    private boolean zeroInitResidual;
    private QuantContext quant;

    /** From the spec: name, channels, steps and {@code h = 2^-k}. */
    public Builder spec(OdeBlockSpec spec) {
      this.name = spec.name();
      this.channels = spec.channels();
      this.steps = spec.steps();
      this.stepShift = spec.stepShift();
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder channels(int channels) {
      this.channels = channels;
      return this;
    }

    /** Number of Euler steps C (>= 1). */
    public Builder steps(int steps) {
      this.steps = steps;
      return this;
    }

    /** {@code k} of the step size {@code h = 2^-k} (k >= 0). */
    public Builder stepShift(int k) {
      this.stepShift = k;
      return this;
    }

    /** The activation edge feeding the block (its state format). */
    public Builder inEdge(String edge) {
      this.inEdge = edge;
      return this;
    }

    /** Start BN2's gamma at 0 so each step starts as the identity (training only). */
    public Builder optZeroInitResidual(boolean zero) {
      this.zeroInitResidual = zero;
      return this;
    }

    public Builder quant(QuantContext quant) {
      this.quant = quant;
      return this;
    }

    public OdeBlock build() {
      if (channels <= 0) {
        throw new IllegalArgumentException(name + ": channels must be positive, got " + channels);
      }
      if (steps <= 0) {
        throw new IllegalArgumentException(name + ": steps must be >= 1, got " + steps);
      }
      if (stepShift < 0) {
        throw new IllegalArgumentException(name + ": step size must be 2^-k with k >= 0, got k = " + stepShift);
      }
      if (inEdge == null) {
        throw new IllegalArgumentException(name + ": input edge name is required");
      }
      return new OdeBlock(this);
    }
  }
}
