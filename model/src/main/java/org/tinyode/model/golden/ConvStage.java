package org.tinyode.model.golden;

import org.tinyode.model.spec.FeatureShape;

/** A transition: one conv + ReLU (BN folded), tap {@code <name>.out}. */
final class ConvStage implements GoldenStage {
  private final QConv conv;
  private final FeatureShape in;
  private final FeatureShape out;
  private final String tap;

  ConvStage(QConv conv, FeatureShape in, FeatureShape out, String tap) {
    this.conv = conv;
    this.in = in;
    this.out = out;
    this.tap = tap;
  }

  @Override
  public FeatureShape inShape() {
    return in;
  }

  @Override
  public FeatureShape outShape() {
    return out;
  }

  @Override
  public void run(float[] x, float[] y, Scratch s, TapSink taps) {
    conv.run(x, y, s);
    if (taps != null) {
      TapSink.emit(taps, tap, y, new int[] {out.channels(), out.height(), out.width()});
    }
  }
}
