package org.tinyode.model.golden;

import org.tinyode.model.spec.FeatureShape;

/** One FPGA stage of the golden model: int8-valued floats {@code [C][H][W]} in, out. Immutable. */
interface GoldenStage {
  FeatureShape inShape();

  FeatureShape outShape();

  /** {@code in} and {@code out} are distinct buffers; {@code taps} may be null. */
  void run(float[] in, float[] out, Scratch s, TapSink taps);
}
