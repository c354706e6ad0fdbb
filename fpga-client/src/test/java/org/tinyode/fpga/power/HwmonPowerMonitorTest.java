package org.tinyode.fpga.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.fpga.protocol.Labelled;

/** On a fake sysfs tree made here: two INA226 rails (power1_input; curr1_input x in1_input) and a CPU sensor. */
class HwmonPowerMonitorTest {
  @TempDir Path root;

  private Path device(String dir, String name) throws Exception {
    Path d = Files.createDirectories(root.resolve("class/hwmon").resolve(dir));
    Files.writeString(d.resolve("name"), name + "\n");
    return d;
  }

  @Test
  void sumsMatchingRailsAndIntegratesTheTrapezoid() throws Exception {
    Path a = device("hwmon0", "ina226_u76");
    Files.writeString(a.resolve("power1_input"), "2000000\n"); // 2.0 W
    Path b = device("hwmon1", "ina226_u77");
    Files.writeString(b.resolve("curr1_input"), "500\n");   // 500 mA
    Files.writeString(b.resolve("in1_input"), "1000\n");    // 1000 mV -> 0.5 W
    Path cpu = device("hwmon2", "k10temp");
    Files.writeString(cpu.resolve("power1_input"), "99000000\n");
    AtomicLong clock = new AtomicLong(0);
    HwmonPowerMonitor m = new HwmonPowerMonitor(root, Pattern.compile("ina226.*"), clock::get);

    assertEquals(2, m.sensors().size());
    assertEquals(2.5, m.watts(), 1e-12);
    EnergyWindow w = m.open();
    Files.writeString(a.resolve("power1_input"), "4000000\n"); // 4.0 W at the end -> 4.5 W total
    clock.set(2_000_000_000L); // 2 s
    Labelled e = w.close(new StageActivity(StageActivity.PS, 0));
    assertEquals((2.5 + 4.5) / 2 * 2.0, e.value(), 1e-9);
    assertEquals("measured:hwmon:ina226_u76+ina226_u77", e.provenance());
  }

  @Test
  void noMatchingDeviceIsAnErrorNamingTheDirectory() throws Exception {
    device("hwmon0", "k10temp");
    PowerReadException e = assertThrows(PowerReadException.class,
        () -> new HwmonPowerMonitor(root, Pattern.compile("ina226.*"), System::nanoTime));
    assertTrue(e.getMessage().contains("class/hwmon"), e.getMessage());
  }

  @Test
  void malformedValueNamesTheFile() throws Exception {
    Path a = device("hwmon0", "ina226_u76");
    Files.writeString(a.resolve("power1_input"), "n/a\n");
    HwmonPowerMonitor m = new HwmonPowerMonitor(root, Pattern.compile("ina226.*"), System::nanoTime);
    PowerReadException e = assertThrows(PowerReadException.class, m::watts);
    assertTrue(e.getMessage().contains("power1_input"), e.getMessage());
  }
}
