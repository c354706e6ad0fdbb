package org.tinyode.fpga.fabric;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.tinyode.model.spec.ModelCost;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageCost;

/**
 * The paper's baseline (Okubo et al., arXiv 2401.02721): the whole model in software on the board's PS
 * (Cortex-A53), <b>modeled</b> from a board profile and a spec. A stage's PS time is {@link CycleModel#psSeconds(
 * StageCost)} (its {@link ModelCost} MACs ÷ the profile's PS rate for its kind), its energy
 * {@link CycleModel#psJoules(double)} — the formulas the board agent uses for its {@code modeled_ps_seconds} and
 * modeled software energy. Used by the pipeline's {@code paper_table} (cortex-a53 rows) and, with the fabric side
 * from {@link CycleModel#plan(ModelSpec)} too, by {@link #modeled(ModelSpec, BoardProfile)}: the paper's three
 * ratios as the profile models them, which the shipped zcu104 profile is calibrated against (docs/board-protocol.md,
 * "Board profile").
 */
public final class A53Baseline {
  /** Provenance of the paper's figures: arXiv 2401.02721 v3 (v1 reported 12.8x overall, 9.21x energy). */
  public static final String PAPER = "paper:arXiv-2401.02721v3";
  /** The paper's backbone + MHSA speed-up of its FPGA over the Cortex-A53 (STL-10 96x96 model, real ZCU104). */
  public static final double PAPER_BACKBONE_MHSA = 34.01;
  /** The paper's overall speed-up (software pre- and post-processing on the A53 included). */
  public static final double PAPER_OVERALL = 9.85;
  /** The paper's energy-efficiency ratio (energy per inference, A53 ÷ FPGA design). */
  public static final double PAPER_ENERGY = 7.10;

  private final CycleModel model;
  private final List<StageCost> costs;

  public A53Baseline(ModelSpec spec, BoardProfile profile) {
    this.model = new CycleModel(profile);
    this.costs = ModelCost.of(spec).stages();
  }

  public List<StageCost> costs() {
    return costs;
  }

  /** Stages that run on the PS on the board too (stem and head: device {@code cpu}). */
  public Set<String> psStages() {
    return costs.stream().filter(c -> c.device().equals("cpu")).map(StageCost::name).collect(Collectors.toSet());
  }

  /** Modeled A53 seconds of the spec stages whose name matches {@code stages}. */
  public double seconds(Predicate<String> stages) {
    return costs.stream().filter(c -> stages.test(c.name())).mapToDouble(model::psSeconds).sum();
  }

  /** Modeled board energy while the A53 runs software for {@code seconds}. */
  public double joules(double seconds) {
    return model.psJoules(seconds);
  }

  /**
   * The paper's comparison fully modeled from {@code profile}: A53 software for the whole model vs A53 stem/head +
   * the fabric's modeled stages and transfers ({@link CycleModel#plan(ModelSpec)}, what an emulated board reports).
   */
  public static Comparison modeled(ModelSpec spec, BoardProfile profile) {
    A53Baseline a53 = new A53Baseline(spec, profile);
    Set<String> ps = a53.psStages();
    List<StageCycles> plan = new CycleModel(profile).plan(spec);
    double fabricSeconds = plan.stream().mapToDouble(StageCycles::seconds).sum();
    double fabricJoules = plan.stream().mapToDouble(StageCycles::energyJoules).sum();
    double a53FpgaPart = a53.seconds(s -> !ps.contains(s));
    double a53Ps = a53.seconds(ps::contains);
    return new Comparison(a53FpgaPart, a53Ps, fabricSeconds, a53.joules(a53FpgaPart + a53Ps), a53.joules(a53Ps),
        fabricJoules);
  }

  /**
   * One inference, modeled. {@code a53FpgaPartSeconds}: backbone + MHSA in software on the A53;
   * {@code a53PsStageSeconds}: stem + head on the A53 (on both sides); {@code fabricSeconds}: fabric stages and
   * transfers; joules likewise (A53 energy of the whole model, of stem + head, of the fabric part).
   */
  public record Comparison(double a53FpgaPartSeconds, double a53PsStageSeconds, double fabricSeconds,
      double a53Joules, double a53PsStageJoules, double fabricJoules) {
    /** Backbone + MHSA: A53 software ÷ fabric (with transfers). */
    public double backboneMhsaSpeedup() {
      return a53FpgaPartSeconds / fabricSeconds;
    }

    /** Whole inference: A53 software ÷ (A53 stem/head + fabric). */
    public double overallSpeedup() {
      return (a53FpgaPartSeconds + a53PsStageSeconds) / (a53PsStageSeconds + fabricSeconds);
    }

    /** Energy per inference: A53 software ÷ (A53 stem/head + fabric). */
    public double energyEfficiency() {
      return a53Joules / (a53PsStageJoules + fabricJoules);
    }
  }
}
