package org.tinyode.floatmodel.train;

/**
 * One-cycle schedule over {@code totalSteps}: linear warm-up from {@code peak / 10} to {@code peak} during the
 * first {@code warmupFraction} of the steps, then cosine annealing to {@code peak * finalFraction}.
 */
public record LearningRateSchedule(double peak, long totalSteps, double warmupFraction, double finalFraction) {

  public LearningRateSchedule {
    if (!(peak > 0) || totalSteps <= 0 || warmupFraction < 0 || warmupFraction >= 1) {
      throw new IllegalArgumentException("bad schedule: peak " + peak + ", steps " + totalSteps + ", warm-up "
          + warmupFraction);
    }
  }

  /** Learning rate of step {@code step} (0-based). */
  public double at(long step) {
    long warm = Math.round(totalSteps * warmupFraction);
    if (step < warm) {
      return peak * (0.1 + 0.9 * (step + 1) / (double) warm);
    }
    double t = Math.min(1.0, (step - warm) / (double) Math.max(1, totalSteps - warm));
    double low = peak * finalFraction;
    return low + (peak - low) * 0.5 * (1 + Math.cos(Math.PI * t));
  }
}
