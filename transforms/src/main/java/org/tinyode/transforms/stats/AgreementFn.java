package org.tinyode.transforms.stats;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.Combine;
import org.tinyode.transforms.ExampleResult;

/** Counts agreement of one backend pair; input = the pair's results for one example, A first. */
public final class AgreementFn extends Combine.CombineFn<List<ExampleResult>, AgreementFn.Acc, AgreementRow> {
  static final int LISTED_FLIPS = 100;

  /** Accumulator. */
  public static final class Acc implements Serializable {
    private static final long serialVersionUID = 1L;
    String a = "";
    String b = "";
    long n;
    long agree;
    long bothRight;
    long onlyA;
    long onlyB;
    long bothWrong;
    long flips;
    TreeSet<String> flipIds = new TreeSet<>();
  }

  @Override
  public Acc createAccumulator() {
    return new Acc();
  }

  @Override
  public Acc addInput(Acc acc, List<ExampleResult> pair) {
    ExampleResult a = pair.get(0);
    ExampleResult b = pair.get(1);
    acc.a = a.backend();
    acc.b = b.backend();
    acc.n++;
    if (a.top1() == b.top1()) {
      acc.agree++;
    } else {
      acc.flips++;
      acc.flipIds.add(a.exampleId());
      if (acc.flipIds.size() > LISTED_FLIPS) {
        acc.flipIds.pollLast();
      }
    }
    boolean ra = a.correct();
    boolean rb = b.correct();
    if (ra && rb) {
      acc.bothRight++;
    } else if (ra) {
      acc.onlyA++;
    } else if (rb) {
      acc.onlyB++;
    } else {
      acc.bothWrong++;
    }
    return acc;
  }

  @Override
  public Acc mergeAccumulators(Iterable<Acc> accs) {
    Acc m = new Acc();
    for (Acc x : accs) {
      if (!x.a.isEmpty()) {
        m.a = x.a;
        m.b = x.b;
      }
      m.n += x.n;
      m.agree += x.agree;
      m.bothRight += x.bothRight;
      m.onlyA += x.onlyA;
      m.onlyB += x.onlyB;
      m.bothWrong += x.bothWrong;
      m.flips += x.flips;
      m.flipIds.addAll(x.flipIds);
      while (m.flipIds.size() > LISTED_FLIPS) {
        m.flipIds.pollLast();
      }
    }
    return m;
  }

  @Override
  public AgreementRow extractOutput(Acc a) {
    return new AgreementRow(a.a, a.b, a.n, a.agree, a.n == 0 ? Double.NaN : (double) a.agree / a.n, a.bothRight,
        a.onlyA, a.onlyB, a.bothWrong, McNemar.exactPValue(a.onlyA, a.onlyB), a.flips, new ArrayList<>(a.flipIds));
  }
}
