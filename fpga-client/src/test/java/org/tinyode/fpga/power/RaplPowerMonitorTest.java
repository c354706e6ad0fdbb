package org.tinyode.fpga.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.protocol.Labelled;

/** On a fake powercap tree made here: two packages, one sub-zone (not double counted), one counter wrap. */
class RaplPowerMonitorTest {
  @TempDir Path root;

  private Path zone(String dir, String name, long energy, long max) throws Exception {
    Path d = Files.createDirectories(root.resolve("class/powercap").resolve(dir));
    Files.writeString(d.resolve("name"), name + "\n");
    Files.writeString(d.resolve("energy_uj"), energy + "\n");
    Files.writeString(d.resolve("max_energy_range_uj"), max + "\n");
    return d;
  }

  @Test
  void sumsPackagesAcrossAWrapAround() throws Exception {
    Path p0 = zone("intel-rapl:0", "package-0", 262_143_000_000L, 262_143_328_850L);
    Path p1 = zone("intel-rapl:1", "package-1", 1_000_000L, 262_143_328_850L);
    zone("intel-rapl:0:0", "core", 5, 262_143_328_850L);
    RaplPowerMonitor m = new RaplPowerMonitor(root);
    assertEquals(2, m.sensors().size());
    EnergyWindow w = m.open();
    Files.writeString(p0.resolve("energy_uj"), "671150\n"); // wrapped: (max - start) + end = 328850 + 671150
    Files.writeString(p1.resolve("energy_uj"), "3500000\n"); // +2.5 J
    Labelled e = w.close(new StageActivity(StageActivity.PS, 0));
    assertEquals(1.0 + 2.5, e.value(), 1e-12);
    assertEquals("measured:rapl:package-0+package-1", e.provenance());
  }

  @Test
  void deltaArithmetic() {
    assertEquals(10, RaplPowerMonitor.delta(5, 15, 100));
    assertEquals(15, RaplPowerMonitor.delta(95, 10, 100));
    assertEquals(0, RaplPowerMonitor.delta(7, 7, 100));
  }

  @Test
  void noZoneIsAnError() throws Exception {
    Files.createDirectories(root.resolve("class/powercap/intel-rapl"));
    assertThrows(PowerReadException.class, () -> new RaplPowerMonitor(root));
  }
}
