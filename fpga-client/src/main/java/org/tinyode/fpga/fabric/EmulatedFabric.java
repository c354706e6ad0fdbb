package org.tinyode.fpga.fabric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.fpga.protocol.Labelled;
import org.tinyode.model.spec.StageSpec;

/**
 * A fabric emulated in software: the values come from the integer golden model ({@link SplitModel}), the timing
 * and energy from the {@link CycleModel} of a board profile, labelled {@code modeled:<profile>}; each spec stage
 * carries the SHA-256 of its output when the model provides it ({@link SplitModel#runFabricStaged}). The modeled
 * figures depend only on the spec, so they are computed once.
 */
public final class EmulatedFabric implements Fabric {
  private final SplitModel model;
  private final CycleModel cycles;
  private final List<StageCycles> plan;
  private final FabricInfo info;
  private final int inputBytes;

  public EmulatedFabric(SplitModel model, BoardProfile profile) {
    this.model = model;
    this.cycles = new CycleModel(profile);
    this.plan = cycles.plan(model.spec());
    this.inputBytes = model.spec().stemOutput().size();
    List<String> names = new ArrayList<>();
    plan.forEach(s -> names.add(s.stage()));
    this.info = new FabricInfo("emulated", "none", "", profile.plClockHz(), profile.modeledLabel(),
        List.copyOf(names), profile.modeledLabel());
  }

  public List<StageCycles> plan() {
    return plan;
  }

  @Override
  public FabricInfo info() {
    return info;
  }

  @Override
  public FabricRun run(byte[] stemOutput) {
    if (stemOutput.length != inputBytes) {
      throw new FabricException("fabric input must be " + inputBytes + " bytes (int8 "
          + model.spec().stemOutput() + " CHW), got " + stemOutput.length);
    }
    StagedOutput x = model.runFabricStaged(stemOutput, null);
    Map<String, String> hashes = new HashMap<>();
    if (!x.stageSha256().isEmpty()) {
      List<StageSpec> specStages = model.spec().stages();
      if (x.stageSha256().size() != specStages.size()) {
        throw new FabricException("the model returned " + x.stageSha256().size() + " stage hashes for "
            + specStages.size() + " FPGA stages");
      }
      for (int i = 0; i < specStages.size(); i++) {
        hashes.put(specStages.get(i).name(), x.stageSha256().get(i));
      }
    }
    String label = cycles.profile().modeledLabel();
    List<FabricStage> stages = new ArrayList<>(plan.size());
    for (StageCycles s : plan) {
      stages.add(new FabricStage(s.stage(), s.cycles(), label, new Labelled(s.seconds(), label),
          new Labelled(s.energyJoules(), label), hashes.getOrDefault(s.stage(), "")));
    }
    return new FabricRun(x.output(), List.copyOf(stages));
  }

  @Override
  public void close() {}
}
