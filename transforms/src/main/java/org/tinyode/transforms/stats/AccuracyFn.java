package org.tinyode.transforms.stats;

import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.tinyode.transforms.ExampleResult;

/**
 * Accuracy, its bootstrap 95 % interval ({@link PoissonBootstrap}), per-class counts and the confusion matrix of
 * one backend's results, in one mergeable accumulator. Unlabelled examples (label -1) are not counted.
 */
public final class AccuracyFn extends Combine.CombineFn<ExampleResult, AccuracyFn.Acc, AccuracySummary> {
  private final List<String> classNames;
  private final int replicates;
  private final long seed;

  /** Accumulator: counts, confusion matrix and the per-replicate weighted counts. */
  public static final class Acc implements Serializable {
    private static final long serialVersionUID = 1L;
    String backend = "";
    long n;
    long correct;
    long[][] confusion;
    long[] bootN;
    long[] bootCorrect;
  }

  public AccuracyFn(List<String> classNames, int replicates, long seed) {
    if (replicates < 1) {
      throw new IllegalArgumentException("bootstrap replicates must be >= 1 (not " + replicates + ")");
    }
    this.classNames = List.copyOf(classNames);
    this.replicates = replicates;
    this.seed = seed;
  }

  @Override
  public Acc createAccumulator() {
    Acc a = new Acc();
    int k = classNames.size();
    a.confusion = new long[k][k];
    a.bootN = new long[replicates];
    a.bootCorrect = new long[replicates];
    return a;
  }

  @Override
  public Acc addInput(Acc a, ExampleResult r) {
    a.backend = r.backend();
    if (r.label() < 0) {
      return a;
    }
    int k = classNames.size();
    if (r.label() >= k || r.top1() < 0 || r.top1() >= k) {
      throw new IllegalArgumentException(r.exampleId() + ": label " + r.label() + " / top1 " + r.top1()
          + " outside the " + k + " classes " + classNames);
    }
    boolean ok = r.correct();
    a.n++;
    a.correct += ok ? 1 : 0;
    a.confusion[r.label()][r.top1()]++;
    int[] w = PoissonBootstrap.weights(seed, r.exampleId(), replicates);
    for (int i = 0; i < replicates; i++) {
      a.bootN[i] += w[i];
      if (ok) {
        a.bootCorrect[i] += w[i];
      }
    }
    return a;
  }

  @Override
  public Acc mergeAccumulators(Iterable<Acc> accs) {
    Acc m = createAccumulator();
    for (Acc a : accs) {
      if (!a.backend.isEmpty()) {
        m.backend = a.backend;
      }
      m.n += a.n;
      m.correct += a.correct;
      for (int i = 0; i < m.confusion.length; i++) {
        for (int j = 0; j < m.confusion.length; j++) {
          m.confusion[i][j] += a.confusion[i][j];
        }
      }
      for (int i = 0; i < replicates; i++) {
        m.bootN[i] += a.bootN[i];
        m.bootCorrect[i] += a.bootCorrect[i];
      }
    }
    return m;
  }

  @Override
  public AccuracySummary extractOutput(Acc a) {
    double[] ci = PoissonBootstrap.percentileInterval(a.bootCorrect, a.bootN, 0.05);
    double macro = 0;
    int classes = 0;
    for (int c = 0; c < a.confusion.length; c++) {
      long support = 0;
      for (long v : a.confusion[c]) {
        support += v;
      }
      if (support > 0) {
        macro += (double) a.confusion[c][c] / support;
        classes++;
      }
    }
    return new AccuracySummary(a.backend, a.n, a.correct, a.n == 0 ? Double.NaN : (double) a.correct / a.n,
        ci[0], ci[1], replicates, seed, classes == 0 ? Double.NaN : macro / classes, classNames, a.confusion);
  }
}
