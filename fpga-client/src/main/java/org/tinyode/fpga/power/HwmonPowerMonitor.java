package org.tinyode.fpga.power;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tinyode.fpga.protocol.Labelled;

/**
 * Linux hwmon rails of INA226-style power monitors ({@code <root>/class/hwmon/hwmon*}: {@code name},
 * {@code power1_input} in microwatts, else {@code curr1_input} (mA) x {@code in1_input} (mV) = microwatts), as a
 * ZCU104's INA226 sensors appear under Linux. Rails whose {@code name} matches {@code namePattern} are summed;
 * the provenance names them, e.g. {@code measured:hwmon:ina226_u76+ina226_u77}.
 * With a sampling interval, a window samples the summed power in a background thread every interval from open
 * to close and integrates the samples with the trapezoid rule ({@link SampledWindow}); with interval zero, only
 * at open and close. Either way the energy is meaningful only for windows much longer than the sensors'
 * conversion time (about 1 ms for an INA226); callers report the window length next to the energy.
 */
public final class HwmonPowerMonitor implements PowerMonitor {
  private final List<Path> rails;
  private final List<SensorInfo> sensors;
  private final String provenance;
  private final LongSupplier nanoTime;
  private final long sampleNanos;
  private static volatile ScheduledExecutorService sampler;

  /** Power at window open and close only. */
  public HwmonPowerMonitor(Path sysfsRoot, Pattern namePattern, LongSupplier nanoTime) {
    this(sysfsRoot, namePattern, nanoTime, Duration.ZERO);
  }

  /** Samples every {@code sampleInterval} during a window (zero: at open and close only). */
  public HwmonPowerMonitor(Path sysfsRoot, Pattern namePattern, LongSupplier nanoTime, Duration sampleInterval) {
    if (sampleInterval.isNegative()) {
      throw new IllegalArgumentException("hwmon sample interval must be >= 0, got " + sampleInterval);
    }
    this.nanoTime = nanoTime;
    this.sampleNanos = sampleInterval.toNanos();
    Path dir = sysfsRoot.resolve("class/hwmon");
    List<Path> found = new ArrayList<>();
    List<SensorInfo> infos = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("hwmon")).sorted().toList()) {
        Path nameFile = p.resolve("name");
        if (!Files.isRegularFile(nameFile)) {
          continue;
        }
        String name = SysfsFiles.readString(nameFile);
        boolean hasPower = Files.isRegularFile(p.resolve("power1_input"))
            || (Files.isRegularFile(p.resolve("curr1_input")) && Files.isRegularFile(p.resolve("in1_input")));
        if (namePattern.matcher(name).matches() && hasPower) {
          found.add(p);
          infos.add(new SensorInfo(name + "@" + p.getFileName(), "hwmon"));
        }
      }
    } catch (IOException e) {
      throw new PowerReadException(dir + ": cannot list (" + e.getMessage() + ")");
    }
    if (found.isEmpty()) {
      throw new PowerReadException(dir + ": no hwmon device named like /" + namePattern
          + "/ with power1_input or curr1_input+in1_input");
    }
    this.rails = List.copyOf(found);
    this.sensors = List.copyOf(infos);
    this.provenance = "measured:hwmon:" + String.join("+",
        infos.stream().map(i -> i.name().substring(0, i.name().indexOf('@'))).distinct().toList());
  }

  /** Monitors {@code /sys} rails named {@code ina2*} (INA219/INA226/...). */
  public static HwmonPowerMonitor system() {
    return new HwmonPowerMonitor(Path.of("/sys"), Pattern.compile("ina2\\d+.*"), System::nanoTime);
  }

  @Override
  public String provenance() {
    return provenance;
  }

  @Override
  public List<SensorInfo> sensors() {
    return sensors;
  }

  private static ScheduledExecutorService sampler() {
    if (sampler == null) {
      synchronized (HwmonPowerMonitor.class) {
        if (sampler == null) {
          sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hwmon-sampler");
            t.setDaemon(true);
            return t;
          });
        }
      }
    }
    return sampler;
  }

  /** Sum of the rails' power now, in watts. */
  public double watts() {
    long microwatts = 0;
    for (Path rail : rails) {
      Path power = rail.resolve("power1_input");
      if (Files.isRegularFile(power)) {
        microwatts += SysfsFiles.readLong(power);
      } else {
        microwatts += SysfsFiles.readLong(rail.resolve("curr1_input")) * SysfsFiles.readLong(rail.resolve("in1_input"));
      }
    }
    return microwatts * 1e-6;
  }

  @Override
  public EnergyWindow open() {
    if (sampleNanos > 0) {
      return new SampledWindow(this::watts, nanoTime, provenance, sampler(), sampleNanos);
    }
    long t0 = nanoTime.getAsLong();
    double p0 = watts();
    return activity -> {
      double p1 = watts();
      long t1 = nanoTime.getAsLong();
      return new Labelled((p0 + p1) / 2 * ((t1 - t0) * 1e-9), provenance);
    };
  }
}
