package org.tinyode.fpga.power;

import java.util.List;

/**
 * Energy over a stage's window: {@link #open()} when the stage starts, {@link EnergyWindow#close} when it ends.
 * Measured monitors integrate their sensors over the window and ignore the activity; the modeled monitor
 * multiplies the modeled power of the activity by its modeled time. Implementations are thread-safe; windows may
 * overlap (each is independent).
 */
public interface PowerMonitor {
  /** The label every energy from this monitor carries, e.g. {@code measured:rapl:package-0}. */
  String provenance();

  /** The sensors behind it (for Describe). */
  List<SensorInfo> sensors();

  EnergyWindow open();

  /** One sensor: {@code kind} is hwmon, rapl or modeled. */
  record SensorInfo(String name, String kind) {}
}
