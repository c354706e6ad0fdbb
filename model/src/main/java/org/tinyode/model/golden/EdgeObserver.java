package org.tinyode.model.golden;

/** Sees the float values of every activation edge during a {@link FloatReference} run (for calibration). */
@FunctionalInterface
public interface EdgeObserver {
  /** {@code values[0 .. n)} of edge {@code edge} (an ODE state is reported under the block's input edge). */
  void observe(String edge, float[] values, int n);
}
