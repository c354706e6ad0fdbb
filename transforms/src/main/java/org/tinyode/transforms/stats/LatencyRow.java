package org.tinyode.transforms.stats;

import java.io.Serializable;

/**
 * Latency of one stage of one backend over all its examples, in nanoseconds (HdrHistogram, 3 significant digits:
 * quantiles are exact to 0.1 %; mean and max exact to the histogram's resolution). {@code provenance} lists the
 * labels of the merged values, joined by {@code ;} when several.
 */
public record LatencyRow(String backend, String stage, long count, long p50Ns, long p90Ns, long p99Ns,
    long p999Ns, double meanNs, long maxNs, String provenance) implements Serializable {
  private static final long serialVersionUID = 1L;
}
