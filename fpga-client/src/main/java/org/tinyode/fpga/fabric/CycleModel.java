package org.tinyode.fpga.fabric;

import java.util.ArrayList;
import java.util.List;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageCost;

/**
 * The cycle model of an emulated fabric (docs/board-protocol.md, "Cycle model"). For one layer invocation:
 * {@code fill + max(ceil(ops / opsPerCycle), ceil(onChipBytes / onChipBytesPerCycle)) + ddr}, where
 * {@code ddr = ddrLatency + ceil(weightBytes / ddrBytesPerCycle)} if weights are not on chip, else 0; a layer
 * costs {@code repeat} invocations. Transfers of the stem output in and the FPGA output out over DDR cost
 * {@code ddrLatency + ceil(bytes / ddrBytesPerCycle)} each. Seconds = cycles / PL clock. Energy of a layer =
 * (PS idle + PL idle + its engine's dynamic watts) x its seconds; of a transfer, (idle + DMA watts) x seconds.
 */
public final class CycleModel {
  public static final String TRANSFER_IN = "transfer_in";
  public static final String TRANSFER_OUT = "transfer_out";

  private final BoardProfile profile;

  public CycleModel(BoardProfile profile) {
    this.profile = profile;
  }

  public BoardProfile profile() {
    return profile;
  }

  public LayerCycles layer(LayerWork w) {
    BoardProfile.LayerType t = profile.layerTypes().get(w.type());
    if (t == null) {
      throw new ProfileException("profile " + profile.name() + ": no layerTypes." + w.type() + " for layer "
          + w.name());
    }
    BoardProfile.Memory m = profile.memory();
    long compute = ceilDiv(w.ops(), t.opsPerCycle());
    long onChip = ceilDiv(w.onChipBytes(), m.onChipBytesPerCycle());
    long ddr = m.weightsOnChip() || w.weightBytes() == 0 ? 0
        : m.ddrLatencyCycles() + ceilDiv(w.weightBytes(), m.ddrBytesPerCycle());
    long per = t.fillCycles() + Math.max(compute, onChip) + ddr;
    return new LayerCycles(w, t.engine(), t.fillCycles(), compute, onChip, ddr, per, per * w.repeat());
  }

  /** Cycles of one DDR transfer of {@code bytes}. */
  public long transferCycles(long bytes) {
    BoardProfile.Memory m = profile.memory();
    return m.ddrLatencyCycles() + ceilDiv(bytes, m.ddrBytesPerCycle());
  }

  public double seconds(long cycles) {
    return cycles / profile.plClockHz();
  }

  /** Modeled cycles of one spec stage. */
  public StageCycles stage(String name, List<LayerWork> work) {
    List<LayerCycles> layers = new ArrayList<>();
    long cycles = 0;
    double joules = 0;
    BoardProfile.Power p = profile.power();
    for (LayerWork w : work) {
      LayerCycles lc = layer(w);
      layers.add(lc);
      cycles += lc.total();
      double watts = p.idleWatts() + profile.engines().get(lc.engine()).dynamicWatts();
      joules += watts * seconds(lc.total());
    }
    return new StageCycles(name, List.copyOf(layers), cycles, seconds(cycles), joules);
  }

  public StageCycles transfer(String name, long bytes) {
    long cycles = transferCycles(bytes);
    BoardProfile.Power p = profile.power();
    double watts = p.idleWatts() + p.dmaWatts();
    return new StageCycles(name, List.of(), cycles, seconds(cycles), watts * seconds(cycles));
  }

  /** {@code transfer_in}, every FPGA stage of {@code spec} in order, {@code transfer_out}. */
  public List<StageCycles> plan(ModelSpec spec) {
    List<StageCycles> out = new ArrayList<>();
    out.add(transfer(TRANSFER_IN, spec.stemOutput().size()));
    for (int i = 0; i < spec.stages().size(); i++) {
      out.add(stage(spec.stages().get(i).name(), FabricWork.of(spec, i)));
    }
    out.add(transfer(TRANSFER_OUT, spec.fpgaOutput().size()));
    return List.copyOf(out);
  }

  /** Modeled PS (e.g. Cortex-A53) seconds for {@code macs} fp32 multiply-accumulates at {@code ps.macsPerSecond}. */
  public double psSeconds(long macs) {
    return macs / profile.ps().macsPerSecond();
  }

  /**
   * Modeled PS seconds of one spec stage run in software: its MACs ÷ the PS rate for its kind
   * ({@code ps.macsPerSecondByKind}, else {@code ps.macsPerSecond}).
   */
  public double psSeconds(StageCost stage) {
    return stage.macs() / profile.ps().macsPerSecond(stage.kind());
  }

  /** Modeled PS energy while software runs for {@code seconds}: (idle + PS dynamic) x seconds. */
  public double psJoules(double seconds) {
    return profile.power().psBusyWatts() * seconds;
  }

  static long ceilDiv(long a, long b) {
    return a == 0 ? 0 : (a + b - 1) / b;
  }
}
