package org.tinyode.transforms;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Examples answered per backend by the workers running in this JVM, for progress lines while a runner blocks in
 * {@code run()} (Flink {@code [local]} runs its workers in the launching JVM, but its Beam metrics are only readable
 * after the job ends). Workers in other JVMs (a Flink cluster) do not show up here; their progress is in the
 * runner's own UI. Counts only grow; a reader takes a {@link #snapshot()} at the start and prints differences.
 */
public final class LocalProgress {
  private static final Map<String, LongAdder> ANSWERED = new ConcurrentHashMap<>();

  private LocalProgress() {}

  /** {@code n} more examples answered (successfully or not) by {@code backend}. */
  public static void answered(String backend, int n) {
    ANSWERED.computeIfAbsent(backend, k -> new LongAdder()).add(n);
  }

  /** Examples answered so far per backend, sorted by backend name. */
  public static Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    ANSWERED.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
