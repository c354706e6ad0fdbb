package org.tinyode.fpga.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tinyode.fpga.protocol.Labelled;

/**
 * RAPL energy counters through Linux powercap: the top-level zones {@code <root>/class/powercap/intel-rapl:N}
 * (sub-zones {@code intel-rapl:N:M} are parts of their package and are not added again), each with
 * {@code energy_uj} (microjoules, wraps to 0 after {@code max_energy_range_uj}) and {@code name}. A window's
 * energy is the counter difference summed over zones; a counter that went down wrapped once:
 * {@code delta = (max - start) + end}. Windows longer than one wrap period (minutes at package power) are not
 * detectable and are not supported.
 */
public final class RaplPowerMonitor implements PowerMonitor {
  private final List<Zone> zones;
  private final String provenance;

  private record Zone(Path dir, String name, long maxRange) {}

  public RaplPowerMonitor(Path sysfsRoot) {
    Path dir = sysfsRoot.resolve("class/powercap");
    List<Zone> found = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("intel-rapl:\\d+")).sorted().toList()) {
        if (Files.isRegularFile(p.resolve("energy_uj"))) {
          found.add(new Zone(p, SysfsFiles.readString(p.resolve("name")),
              SysfsFiles.readLong(p.resolve("max_energy_range_uj"))));
        }
      }
    } catch (IOException e) {
      throw new PowerReadException(dir + ": cannot list (" + e.getMessage() + ")");
    }
    if (found.isEmpty()) {
      throw new PowerReadException(dir + ": no RAPL zone intel-rapl:N with energy_uj");
    }
    this.zones = List.copyOf(found);
    StringBuilder names = new StringBuilder();
    for (Zone z : zones) {
      names.append(names.length() == 0 ? "" : "+").append(z.name());
    }
    this.provenance = "measured:rapl:" + names;
    for (Zone z : zones) {
      SysfsFiles.readLong(z.dir().resolve("energy_uj")); // fail now, not mid-run, if unreadable (root-only)
    }
  }

  /** Monitors {@code /sys}; throws {@link PowerReadException} when RAPL is absent or not readable. */
  public static RaplPowerMonitor system() {
    return new RaplPowerMonitor(Path.of("/sys"));
  }

  @Override
  public String provenance() {
    return provenance;
  }

  @Override
  public List<SensorInfo> sensors() {
    return zones.stream().map(z -> new SensorInfo(z.name(), "rapl")).toList();
  }

  @Override
  public EnergyWindow open() {
    long[] start = read();
    return activity -> {
      long[] end = read();
      long micro = 0;
      for (int i = 0; i < zones.size(); i++) {
        micro += delta(start[i], end[i], zones.get(i).maxRange());
      }
      return new Labelled(micro * 1e-6, provenance);
    };
  }

  /** Counter difference with at most one wrap-around at {@code maxRange}. */
  static long delta(long start, long end, long maxRange) {
    return end >= start ? end - start : (maxRange - start) + end;
  }

  private long[] read() {
    long[] v = new long[zones.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = SysfsFiles.readLong(zones.get(i).dir().resolve("energy_uj"));
    }
    return v;
  }
}
