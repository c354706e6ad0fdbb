package org.tinyode.transforms.stats;

import java.io.Serializable;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/** Sum, count and provenance labels of per-example stage energies (J); output {sum, count, labels}. */
public final class EnergyMeanFn extends Combine.CombineFn<KV<Double, String>, EnergyMeanFn.Acc, EnergyMeanFn.Acc> {

  /** Accumulator and output. */
  public static final class Acc implements Serializable {
    private static final long serialVersionUID = 1L;
    public double sumJ;
    public long count;
    public final TreeSet<String> provenance = new TreeSet<>();
  }

  @Override
  public Acc createAccumulator() {
    return new Acc();
  }

  @Override
  public Acc addInput(Acc a, KV<Double, String> v) {
    a.sumJ += v.getKey();
    a.count++;
    a.provenance.add(v.getValue());
    return a;
  }

  @Override
  public Acc mergeAccumulators(Iterable<Acc> accs) {
    Acc m = new Acc();
    for (Acc a : accs) {
      m.sumJ += a.sumJ;
      m.count += a.count;
      m.provenance.addAll(a.provenance);
    }
    return m;
  }

  @Override
  public Acc extractOutput(Acc a) {
    return a;
  }
}
