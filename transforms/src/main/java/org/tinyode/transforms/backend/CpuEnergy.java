package org.tinyode.transforms.backend;

import java.nio.file.Path;
import java.util.Locale;
import org.tinyode.fpga.power.EnergyWindow;
import org.tinyode.fpga.power.PowerReadException;
import org.tinyode.fpga.power.RaplPowerMonitor;

/**
 * Energy of a stage run on the host CPU. With RAPL readable (fpga-client's {@link RaplPowerMonitor}) each stage is
 * a measured window over the CPU package ({@code measured:rapl:<zones>}; note: the package counter includes
 * whatever else runs on the CPU at the same time, other pipeline workers included). Otherwise the energy is
 * modeled from a declared CPU power profile: one busy core draws {@code wattsPerCore}, so a stage that ran on one
 * thread for t seconds costs {@code wattsPerCore * t} joules, labelled {@code modeled:cpu-core-<W>W}.
 */
public abstract class CpuEnergy {

  /** An open measurement over one stage. */
  public interface Window {
    /** Joules spent in the window, given its measured length. */
    double close(long elapsedNs);
  }

  public abstract String provenance();

  public abstract Window open();

  /** By {@code source}: auto (RAPL if readable, else modeled), rapl (fail if unreadable) or modeled. */
  public static CpuEnergy select(String source, Path sysfsRoot, double wattsPerCore) {
    if (!"modeled".equals(source)) {
      try {
        return new Rapl(new RaplPowerMonitor(sysfsRoot));
      } catch (PowerReadException e) {
        if ("rapl".equals(source)) {
          throw e;
        }
      }
    }
    return new Modeled(wattsPerCore);
  }

  /** Modeled: watts per busy core times the measured time. */
  static final class Modeled extends CpuEnergy {
    private final double watts;
    private final String label;

    Modeled(double watts) {
      this.watts = watts;
      this.label = String.format(Locale.ROOT, "modeled:cpu-core-%sW", trim(watts));
    }

    @Override
    public String provenance() {
      return label;
    }

    @Override
    public Window open() {
      return ns -> watts * ns * 1e-9;
    }

    private static String trim(double w) {
      return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }
  }

  /** Measured: RAPL package energy over the window. */
  static final class Rapl extends CpuEnergy {
    private final RaplPowerMonitor monitor;

    Rapl(RaplPowerMonitor monitor) {
      this.monitor = monitor;
    }

    @Override
    public String provenance() {
      return monitor.provenance();
    }

    @Override
    public Window open() {
      EnergyWindow w = monitor.open();
      return ns -> w.close(null).value();
    }
  }
}
