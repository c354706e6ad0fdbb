package org.tinyode.model.golden;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link TapSink} keeping every tap in arrival order (one image; not thread-safe). */
public final class TapCollector implements TapSink {
  /** One tapped tensor. */
  public record Tap(int[] shape, int[] values) {}

  private final Map<String, Tap> taps = new LinkedHashMap<>();

  @Override
  public void accept(String name, int[] shape, int[] values) {
    taps.put(name, new Tap(shape, values));
  }

  public Map<String, Tap> taps() {
    return Collections.unmodifiableMap(taps);
  }

  /** Values of one tap; throws if absent. */
  public int[] values(String name) {
    Tap t = taps.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tap " + name + "; have " + taps.keySet());
    }
    return t.values();
  }
}
