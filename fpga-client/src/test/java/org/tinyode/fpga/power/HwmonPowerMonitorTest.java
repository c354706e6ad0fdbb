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
  void backgroundSamplingSeesAPowerPeakInsideTheWindowThatTheEndpointsMiss() throws Exception {
    Path a = device("hwmon0", "ina226_u76");
    Files.writeString(a.resolve("power1_input"), "1000000\n"); // 1 W
    HwmonPowerMonitor m = new HwmonPowerMonitor(root, Pattern.compile("ina226.*"), System::nanoTime,
        java.time.Duration.ofMillis(2));
    long t0 = System.nanoTime();
    SampledWindow w = (SampledWindow) m.open();
    Thread.sleep(60);
    Files.writeString(a.resolve("power1_input"), "5000000\n"); // 5 W in the middle of the window
    int before = w.samples();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (w.samples() < before + 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(60);
    Files.writeString(a.resolve("power1_input"), "1000000\n"); // back to 1 W before the end
    before = w.samples();
    while (w.samples() < before + 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(60);
    Labelled e = w.close(new StageActivity(StageActivity.PS, 0));
    double seconds = (System.nanoTime() - t0) * 1e-9;
    long[] t = w.times();
    double[] p = w.watts();
    assertTrue(t.length >= 8, "samples: " + t.length);
    assertEquals(Trapezoid.joules(t, p, t.length), e.value(), 1e-12);
    assertTrue(java.util.Arrays.stream(p).anyMatch(x -> Math.abs(x - 5.0) < 1e-9), "saw the 5 W peak");
    assertEquals(1.0, p[0], 1e-9);
    assertEquals(1.0, p[p.length - 1], 1e-9);
    for (int i = 1; i < t.length; i++) {
      assertTrue(t[i] >= t[i - 1], "samples in time order");
    }
    // open/close alone would say 1 W x window; the sampled energy includes >= ~50 ms at 5 W
    assertTrue(e.value() > 1.0 * seconds + 0.15, e.value() + " J over " + seconds + " s");
    assertTrue(e.value() < 5.0 * seconds, e.value() + " J over " + seconds + " s");
    assertEquals("measured:hwmon:ina226_u76", e.provenance());
    assertEquals(t.length, w.samples()); // nothing sampled after close
    Thread.sleep(10);
    assertEquals(t.length, w.samples());
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
