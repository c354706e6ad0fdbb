package org.tinyode.fpga.power;

import java.util.List;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.fpga.protocol.Labelled;

/**
 * Power modeled from a board profile: PS idle + PL idle, plus the dynamic watts of the active unit (PS software:
 * {@code psActiveWatts}; DMA: {@code dmaWatts}; a fabric engine: its {@code dynamicWatts}). A window's energy is
 * that power times the activity's modeled seconds (the wall time of the window is ignored), labelled
 * {@code modeled:<profile>}.
 */
public final class ModeledPowerMonitor implements PowerMonitor {
  private final BoardProfile profile;

  public ModeledPowerMonitor(BoardProfile profile) {
    this.profile = profile;
  }

  @Override
  public String provenance() {
    return profile.modeledLabel();
  }

  @Override
  public List<SensorInfo> sensors() {
    return List.of(new SensorInfo(profile.name() + "-model", "modeled"));
  }

  /** Modeled watts while {@code unit} is active. */
  public double watts(String unit) {
    BoardProfile.Power p = profile.power();
    double idle = p.idleWatts();
    if (StageActivity.PS.equals(unit)) {
      return p.psBusyWatts();
    }
    if (StageActivity.DMA.equals(unit)) {
      return idle + p.dmaWatts();
    }
    BoardProfile.Engine e = profile.engines().get(unit);
    if (e == null) {
      throw new IllegalArgumentException("profile " + profile.name() + " has no unit " + unit);
    }
    return idle + e.dynamicWatts();
  }

  @Override
  public EnergyWindow open() {
    return activity -> {
      if (activity == null || !(activity.modeledSeconds() >= 0)) {
        throw new IllegalArgumentException("modeled energy needs a modeled duration, got " + activity);
      }
      return new Labelled(watts(activity.unit()) * activity.modeledSeconds(), provenance());
    };
  }
}
