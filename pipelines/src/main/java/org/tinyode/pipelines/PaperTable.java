package org.tinyode.pipelines;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.tinyode.transforms.io.CompareSchema;
import org.tinyode.transforms.stats.EnergyRow;
import org.tinyode.transforms.stats.LatencyRow;

/**
 * The paper's view (Okubo et al., Table of execution times): mean latency per part for the software and fpga
 * backends — pre-processing (stem), backbone (ODEBlocks and transitions, plus the PS↔PL transfers on the board),
 * MHSA, post-processing (head) — the speed-up of backbone+MHSA and overall, and the energy-efficiency ratio. A part's
 * mean is the sum of its stages' means. Each cell carries the provenance of its stages; a ratio is
 * {@code modeled:} as soon as one side is modeled.
 */
final class PaperTable {
  private PaperTable() {}

  static List<GenericRecord> build(Aggregates agg) {
    List<GenericRecord> rows = new ArrayList<>();
    Part pre = new Part("pre-processing", "stem", s -> s.equals("stem"));
    Part backbone = new Part("backbone", "ode*, trans*, transfer_in/out",
        s -> s.startsWith("ode") || s.startsWith("trans"));
    Part mhsa = new Part("mhsa", "mhsa", s -> s.equals("mhsa"));
    Part post = new Part("post-processing", "head", s -> s.equals("head"));
    Part fpgaPart = new Part("backbone+mhsa", "ode*, trans*, transfer_in/out, mhsa",
        s -> backbone.stages.test(s) || mhsa.stages.test(s));
    Part overall = new Part("overall", "total", s -> s.equals("total"));
    for (Part p : List.of(pre, backbone, mhsa, post, fpgaPart, overall)) {
      Cell sw = latency(agg, "software", p.stages);
      Cell hw = latency(agg, "fpga", p.stages);
      rows.add(CompareSchema.paperRow(p.name, p.description, "ms", sw.value, sw.provenance, hw.value, hw.provenance,
          sw.value / hw.value, ratioLabel(sw, hw)));
    }
    Cell swE = energy(agg, "software");
    Cell hwE = energy(agg, "fpga");
    rows.add(CompareSchema.paperRow("energy per inference", "total", "J", swE.value, swE.provenance, hwE.value,
        hwE.provenance, swE.value / hwE.value, ratioLabel(swE, hwE)));
    return rows;
  }

  private record Part(String name, String description, Predicate<String> stages) {}

  private record Cell(double value, String provenance) {}

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

  private static String ratioLabel(Cell a, Cell b) {
    if (a.provenance.isEmpty() || b.provenance.isEmpty()) {
      return "";
    }
    boolean modeled = a.provenance.contains("modeled:") || b.provenance.contains("modeled:");
    return (modeled ? "modeled:" : "measured:") + "ratio(" + a.provenance + " / " + b.provenance + ")";
  }
}
