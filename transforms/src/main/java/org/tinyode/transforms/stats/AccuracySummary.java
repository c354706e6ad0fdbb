package org.tinyode.transforms.stats;

import java.io.Serializable;
import java.util.List;

/**
 * Accuracy of one backend over the labelled examples it answered.
 *
 * @param backend software | golden | fpga
 * @param examples labelled examples answered
 * @param correct top-1 correct among them
 * @param accuracy correct / examples
 * @param ciLow lower end of the 95 % percentile interval of the seeded Poisson bootstrap
 * @param ciHigh upper end
 * @param replicates bootstrap replicates
 * @param seed bootstrap seed
 * @param macroAccuracy mean over classes with support of the per-class accuracy (= balanced accuracy)
 * @param classNames class names, index = class id
 * @param confusion counts, row = true class, column = predicted class
 */
public record AccuracySummary(String backend, long examples, long correct, double accuracy, double ciLow,
    double ciHigh, int replicates, long seed, double macroAccuracy, List<String> classNames, long[][] confusion)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public long support(int c) {
    long s = 0;
    for (long v : confusion[c]) {
      s += v;
    }
    return s;
  }
}
