package org.tinyode.model.cli;

import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelCost;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;

/**
 * Does the FPGA part fit the ZCU104's on-chip memory (XCZU7EV: 312 BRAM36 blocks of 36 Kb = 11,232 Kb ≈ 11.0 Mb,
 * 96 URAM blocks of 288 Kb = 27,648 Kb = 27.0 Mb; 1 Kb = 1024 bits)? Counted: every FPGA weight at its deployed
 * width plus the largest per-stage activation working set in int8 (ODEBlock: state, conv1 output, conv2 output;
 * transition: input + output; MHSA: input, Q, K, V, attention output, projection + uint8 probabilities of one
 * head). A modeled estimate: it ignores BRAM port/width packing and line buffers.
 */
public record OnChipBudget(long weightBytes, long activationBytes, long bramBytes, long uramBytes) {
  public static final long BRAM_BLOCKS = 312;
  public static final long BRAM_BITS = 36L * 1024;
  public static final long URAM_BLOCKS = 96;
  public static final long URAM_BITS = 288L * 1024;

  public static OnChipBudget of(ModelSpec spec) {
    long weights = ModelCost.of(spec).fpgaDeployedBytes();
    long act = 0;
    for (int i = 0; i < spec.stages().size(); i++) {
      StageSpec s = spec.stages().get(i);
      FeatureShape in = spec.stageInput(i);
      FeatureShape out = spec.stageOutputs().get(i);
      long need;
      if (s instanceof OdeBlockSpec) {
        need = 3L * in.size();
      } else if (s instanceof MhsaSpec m) {
        long n = in.positions();
        need = 6L * in.size() + n * n;
      } else {
        need = (long) in.size() + out.size();
      }
      act = Math.max(act, need);
    }
    return new OnChipBudget(weights, act, BRAM_BLOCKS * BRAM_BITS / 8, URAM_BLOCKS * URAM_BITS / 8);
  }

  public long capacityBytes() {
    return bramBytes + uramBytes;
  }

  public long neededBytes() {
    return weightBytes + activationBytes;
  }

  public boolean fits() {
    return neededBytes() <= capacityBytes();
  }
}
