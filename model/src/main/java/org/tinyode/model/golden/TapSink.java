package org.tinyode.model.golden;

/**
 * Receives intermediate integer tensors of one image by name (e.g. {@code stem.out}, {@code ode1.step2},
 * {@code mhsa.logits}); see docs/fixed-point.md and GoldenModel for the list. {@code values} is a fresh array the
 * sink may keep; layout is row-major over {@code shape} (feature maps {@code [C][H][W]}). Passing no sink costs
 * nothing.
 */
@FunctionalInterface
public interface TapSink {
  void accept(String name, int[] shape, int[] values);

  /** Copies {@code n} int-valued floats to a fresh int array and emits them. */
  static void emit(TapSink sink, String name, float[] buf, int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = (int) buf[i];
    }
    sink.accept(name, shape.clone(), v);
  }

  static void emit(TapSink sink, String name, int[] buf, int[] shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    sink.accept(name, shape.clone(), java.util.Arrays.copyOf(buf, n));
  }
}
