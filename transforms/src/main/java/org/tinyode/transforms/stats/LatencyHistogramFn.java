package org.tinyode.transforms.stats;

import java.io.Serializable;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * Merges per-example stage latencies (ns, with provenance) into one HdrHistogram per key and reports p50, p90,
 * p99, p99.9, mean and max. Values are tracked at 3 significant digits (auto-resizing); values above one hour
 * are clamped to one hour (and show as such in max).
 */
public final class LatencyHistogramFn
    extends Combine.CombineFn<KV<Long, String>, LatencyHistogramFn.Acc, LatencyHistogramFn.Stats> {
  static final long MAX_TRACKABLE_NS = 3_600_000_000_000L;

  /**
   * Accumulator: the histogram and the provenance labels seen. The histogram auto-resizes (a fixed 1 ns .. 1 h
   * range would allocate ~350 KB per accumulator) and is serialised in HdrHistogram's compressed form, so runners
   * that encode accumulators per bundle move a few hundred bytes, not the whole counts array.
   */
  public static final class Acc implements Serializable {
    private static final long serialVersionUID = 2L;
    transient Histogram histogram = new Histogram(3);
    TreeSet<String> provenance = new TreeSet<>();

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      out.defaultWriteObject();
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
      int n = histogram.encodeIntoCompressedByteBuffer(buf);
      out.writeInt(n);
      out.write(buf.array(), 0, n);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
      in.defaultReadObject();
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      try {
        histogram = Histogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer.wrap(b), 0);
      } catch (java.util.zip.DataFormatException e) {
        throw new java.io.IOException("corrupt latency histogram", e);
      }
      histogram.setAutoResize(true);
    }
  }

  /** The extracted figures. */
  public record Stats(long count, long p50, long p90, long p99, long p999, double mean, long max, String provenance)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Override
  public Acc createAccumulator() {
    return new Acc();
  }

  @Override
  public Acc addInput(Acc a, KV<Long, String> v) {
    a.histogram.recordValue(Math.max(1, Math.min(MAX_TRACKABLE_NS, v.getKey())));
    a.provenance.add(v.getValue());
    return a;
  }

  @Override
  public Acc mergeAccumulators(Iterable<Acc> accs) {
    Acc m = new Acc();
    for (Acc a : accs) {
      m.histogram.add(a.histogram);
      m.provenance.addAll(a.provenance);
    }
    return m;
  }

  @Override
  public Stats extractOutput(Acc a) {
    Histogram h = a.histogram;
    return new Stats(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
        h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMean(), h.getMaxValue(),
        String.join(";", a.provenance));
  }
}
