package org.tinyode.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.tinyode.fpga.fabric.A53Baseline;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.transforms.io.CompareSchema;
import org.tinyode.transforms.stats.EnergyRow;
import org.tinyode.transforms.stats.LatencyRow;

/**
 * The paper's view (Okubo et al., Table of execution times): mean latency per part — pre-processing (stem),
 * backbone (ODEBlocks and transitions, plus the PS↔PL transfers on the board), MHSA, post-processing (head) — the
 * speed-up of backbone+MHSA and overall, and the energy-efficiency ratio, against two baselines (column
 * {@code baseline}):
 * <ul>
 *   <li>{@value #HOST}: the software backend as measured on the host vs the fpga backend as it ran (stem/head timed
 *       where the agent ran them, fabric stages as the board reported them). A part's mean is the sum of its stages'
 *       means; written when both software and fpga ran.</li>
 *   <li>{@value #A53}: the paper's own baseline, the whole model in software on the board's Cortex-A53, <b>modeled</b>
 *       from the board profile and the spec by {@link A53Baseline}: a stage's A53 time = its MACs ÷ the profile's PS
 *       rate for its kind ({@code ps.macsPerSecondByKind}, else {@code ps.macsPerSecond}), its energy = (PS idle +
 *       PL idle + PS active watts) × that time — the formulas the board agent uses for its
 *       {@code modeled_ps_seconds} and modeled software energy. The fpga side is the A53
 *       time of stem and head plus the fabric stages and transfers as the fpga backend reported them. Written when
 *       fpga ran. The paper's published ratios ({@value A53Baseline#PAPER}) sit next to ours in
 *       {@code paper_speedup}.</li>
 * </ul>
 * Each cell carries the provenance of its inputs; a ratio is {@code modeled:} as soon as one side is modeled.
 */
final class PaperTable {
  private PaperTable() {}

  static final String HOST = "host-software";
  static final String A53 = "cortex-a53";
  /** Profile used for the A53 baseline when the fpga rows name none (e.g. measured fabric stages). */
  static final String DEFAULT_PROFILE = "zcu104";

  private static final Part PRE = new Part("pre-processing", "stem", s -> s.equals("stem"));
  private static final Part BACKBONE = new Part("backbone", "ode*, trans*, transfer_in/out",
      s -> s.startsWith("ode") || s.startsWith("trans"));
  private static final Part MHSA = new Part("mhsa", "mhsa", s -> s.equals("mhsa"));
  private static final Part POST = new Part("post-processing", "head", s -> s.equals("head"));
  private static final Part FPGA_PART = new Part("backbone+mhsa", "ode*, trans*, transfer_in/out, mhsa",
      s -> BACKBONE.stages.test(s) || MHSA.stages.test(s));

  static List<GenericRecord> build(Aggregates agg, ModelSpec spec, BoardProfile profile) {
    List<GenericRecord> rows = new ArrayList<>();
    if (!agg.latencyOf("software").isEmpty() && !agg.latencyOf("fpga").isEmpty()) {
      rows.addAll(hostSoftware(agg));
    }
    if (!agg.latencyOf("fpga").isEmpty()) {
      rows.addAll(cortexA53(agg, spec, profile));
    }
    return rows;
  }

  /** The board profile the fpga backend's modeled cells name ({@code modeled:<profile>}), else the default. */
  static BoardProfile profileOf(Aggregates agg) {
    Set<String> names = agg.latencyOf("fpga").stream().filter(l -> !l.stage().equals("total"))
        .flatMap(l -> java.util.Arrays.stream(l.provenance().split(";")))
        .filter(p -> p.startsWith("modeled:")).map(p -> p.substring("modeled:".length()))
        .collect(Collectors.toCollection(TreeSet::new));
    return BoardProfile.load(names.size() == 1 ? names.iterator().next() : DEFAULT_PROFILE);
  }

  private static List<GenericRecord> hostSoftware(Aggregates agg) {
    List<GenericRecord> rows = new ArrayList<>();
    Part overall = new Part("overall", "total", s -> s.equals("total"));
    for (Part p : List.of(PRE, BACKBONE, MHSA, POST, FPGA_PART, overall)) {
      Cell sw = latency(agg, "software", p.stages);
      Cell hw = latency(agg, "fpga", p.stages);
      rows.add(row(HOST, p.name, p.description, "ms", sw, hw, Double.NaN));
    }
    rows.add(row(HOST, "energy per inference", "total", "J", energy(agg, "software"), energy(agg, "fpga"),
        Double.NaN));
    return rows;
  }

  private static List<GenericRecord> cortexA53(Aggregates agg, ModelSpec spec, BoardProfile profile) {
    A53Baseline a53 = new A53Baseline(spec, profile);
    Set<String> psStages = a53.psStages();
    String label = profile.modeledLabel();
    Predicate<String> notTotal = s -> !s.equals("total");
    Part overall = new Part("overall", "every stage", notTotal);
    List<GenericRecord> rows = new ArrayList<>();
    for (Part p : List.of(PRE, BACKBONE, MHSA, POST, FPGA_PART, overall)) {
      double swSeconds = a53.seconds(p.stages);
      Cell sw = new Cell(swSeconds * 1e3, label);
      Cell fabric = latency(agg, "fpga", s -> p.stages.test(s) && notTotal.test(s) && !psStages.contains(s));
      double psSeconds = a53.seconds(s -> p.stages.test(s) && psStages.contains(s));
      Cell hw = plus(fabric, psSeconds * 1e3, label);
      double paper = p == FPGA_PART ? A53Baseline.PAPER_BACKBONE_MHSA
          : p == overall ? A53Baseline.PAPER_OVERALL : Double.NaN;
      rows.add(row(A53, p.name, p.description, "ms", sw, hw, paper));
    }
    double swJ = a53.joules(a53.seconds(notTotal));
    Cell fabricJ = energySum(agg, "fpga", s -> notTotal.test(s) && !psStages.contains(s));
    double psJ = a53.joules(a53.seconds(psStages::contains));
    rows.add(row(A53, "energy per inference", "total", "J", new Cell(swJ, label), plus(fabricJ, psJ, label),
        A53Baseline.PAPER_ENERGY));
    return rows;
  }

  private static GenericRecord row(String baseline, String part, String stages, String unit, Cell sw, Cell hw,
      double paper) {
    return CompareSchema.paperRow(baseline, part, stages, unit, sw.value, sw.provenance, hw.value, hw.provenance,
        sw.value / hw.value, ratioLabel(sw, hw), paper, Double.isNaN(paper) ? "" : A53Baseline.PAPER);
  }

  private record Part(String name, String description, Predicate<String> stages) {}

  private record Cell(double value, String provenance) {}

  /** {@code c} plus a value with {@code label}; an empty {@code c} (no stage) counts as 0; both empty: NaN. */
  private static Cell plus(Cell c, double value, String label) {
    if (c.provenance.isEmpty() && value == 0) {
      return new Cell(Double.NaN, "");
    }
    TreeSet<String> labels = new TreeSet<>();
    if (!c.provenance.isEmpty()) {
      labels.addAll(List.of(c.provenance.split(";")));
    }
    double v = c.provenance.isEmpty() ? 0 : c.value;
    if (value > 0) {
      labels.add(label);
    }
    return new Cell(v + value, String.join(";", labels));
  }

  private static Cell latency(Aggregates agg, String backend, Predicate<String> stages) {
    double ms = 0;
    TreeSet<String> labels = new TreeSet<>();
    boolean any = false;
    for (LatencyRow l : agg.latencyOf(backend)) {
      if (stages.test(l.stage())) {
        ms += l.meanNs() / 1e6;
        labels.add(l.provenance());
        any = true;
      }
    }
    return any ? new Cell(ms, String.join(";", labels)) : new Cell(Double.NaN, "");
  }

  private static Cell energy(Aggregates agg, String backend) {
    EnergyRow e = agg.totalEnergyOf(backend);
    return e == null ? new Cell(Double.NaN, "") : new Cell(e.meanJ(), e.provenance());
  }

  private static Cell energySum(Aggregates agg, String backend, Predicate<String> stages) {
    double j = 0;
    TreeSet<String> labels = new TreeSet<>();
    for (EnergyRow e : agg.energy()) {
      if (e.backend().equals(backend) && stages.test(e.stage())) {
        j += e.meanJ();
        labels.add(e.provenance());
      }
    }
    return labels.isEmpty() ? new Cell(Double.NaN, "") : new Cell(j, String.join(";", labels));
  }

  private static String ratioLabel(Cell a, Cell b) {
    if (a.provenance.isEmpty() || b.provenance.isEmpty()) {
      return "";
    }
    boolean modeled = a.provenance.contains("modeled:") || b.provenance.contains("modeled:");
    return (modeled ? "modeled:" : "measured:") + "ratio(" + a.provenance + " / " + b.provenance + ")";
  }
}
