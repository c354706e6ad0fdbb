package org.tinyode.model.golden;

import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.spec.FeatureShape;

/**
 * An ODEBlock (docs/fixed-point.md section 5): {@code steps} times {@code a = conv1(z)} (ReLU), {@code f = conv2(a)},
 * {@code z = sat8(z + rshift(f, f_f + k - f_z))}. Taps per step t (1-based): {@code <name>.step<t>.act},
 * {@code <name>.step<t>.f}, {@code <name>.step<t>} (the new state).
 */
final class OdeStage implements GoldenStage {
  private final String name;
  private final QConv conv1;
  private final QConv conv2;
  private final FeatureShape shape;
  private final int steps;
  private final int updateShift;

  OdeStage(String name, QConv conv1, QConv conv2, FeatureShape shape, int steps, int fF, int k, int fZ) {
    this.name = name;
    this.conv1 = conv1;
    this.conv2 = conv2;
    this.shape = shape;
    this.steps = steps;
    this.updateShift = fF + k - fZ;
  }

  @Override
  public FeatureShape inShape() {
    return shape;
  }

  @Override
  public FeatureShape outShape() {
    return shape;
  }

  @Override
  public void run(float[] in, float[] z, Scratch s, TapSink taps) {
    int n = shape.size();
    System.arraycopy(in, 0, z, 0, n);
    float[] act = s.floats(Scratch.ODE_ACT, n);
    float[] f = s.floats(Scratch.ODE_F, n);
    int[] dims = {shape.channels(), shape.height(), shape.width()};
    for (int t = 1; t <= steps; t++) {
      conv1.run(z, act, s);
      conv2.run(act, f, s);
      for (int i = 0; i < n; i++) {
        z[i] = FixedPoint.sat8((long) z[i] + FixedPoint.rshift((long) f[i], updateShift));
      }
      if (taps != null) {
        TapSink.emit(taps, name + ".step" + t + ".act", act, dims);
        TapSink.emit(taps, name + ".step" + t + ".f", f, dims);
        TapSink.emit(taps, name + ".step" + t, z, dims);
      }
    }
  }
}
