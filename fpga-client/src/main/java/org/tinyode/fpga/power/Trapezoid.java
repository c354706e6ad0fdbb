package org.tinyode.fpga.power;

/** Energy from power samples: the trapezoid rule over (time, watts) points in time order. */
public final class Trapezoid {
  private Trapezoid() {}

  /** Joules from {@code n} samples at {@code nanos[i]} (non-decreasing) of {@code watts[i]}; 0 for fewer than 2. */
  public static double joules(long[] nanos, double[] watts, int n) {
    double e = 0;
    for (int i = 1; i < n; i++) {
      e += (watts[i - 1] + watts[i]) / 2 * ((nanos[i] - nanos[i - 1]) * 1e-9);
    }
    return e;
  }
}
