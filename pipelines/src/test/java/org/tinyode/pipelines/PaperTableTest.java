package org.tinyode.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.tinyode.fpga.fabric.BoardProfile;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.transforms.stats.EnergyRow;
import org.tinyode.transforms.stats.LatencyRow;

/** paper_table rows from hand-made aggregates: host-software rows as measured, cortex-a53 rows from profile + spec. */
class PaperTableTest {
  static final String SW = "measured:host-cpu-nanotime/batch-share";
  static final String HOST = "measured:host-cpu-nanotime";
  static final String ZCU = "modeled:zcu104";

  // cifar10-ode MACs per image, counted by hand from the preset (32x32x3 input, stem 3x3 conv to 64 channels at
  // 32x32 then max-pool to 16x16; ODEBlocks two 3x3 convs per Euler step, 2 steps; MHSA on 4x4 = 16 positions):
  static final long STEM = 64L * 3 * 9 * 32 * 32; // 1,769,472
  static final long ODE1 = 2L * 64 * 64 * 9 * 16 * 16 * 2; // 37,748,736
  static final long TRANS1 = 64L * 128 * 9 * 8 * 8; // 4,718,592
  static final long ODE2 = 2L * 128 * 128 * 9 * 8 * 8 * 2; // 37,748,736
  static final long TRANS2 = 128L * 256 * 9 * 4 * 4; // 4,718,592
  static final long MHSA = 4L * 256 * 256 * 16 + 2L * 16 * 16 * 256; // q,k,v,proj + q.(k+r) + p.v = 4,325,376
  static final long HEAD = 256L * 10; // 2,560

  // fpga backend means (ns): software stages measured on the agent's host, fabric stages modeled
  static final Map<String, Double> FPGA_NS = Map.of("stem", 1_000_000.0, "transfer_in", 10_000.0,
      "ode1", 200_000.0, "trans1", 30_000.0, "ode2", 200_000.0, "trans2", 30_000.0, "mhsa", 100_000.0,
      "transfer_out", 5_000.0, "head", 50_000.0);
  static final Map<String, Double> FPGA_J = Map.of("stem", 0.003, "transfer_in", 2e-5, "ode1", 7e-4,
      "trans1", 1e-4, "ode2", 7e-4, "trans2", 1e-4, "mhsa", 3e-4, "transfer_out", 1e-5, "head", 1e-4);

  static Aggregates aggregates(boolean withSoftware) {
    List<LatencyRow> lat = new ArrayList<>();
    List<EnergyRow> en = new ArrayList<>();
    if (withSoftware) {
      for (String s : List.of("stem", "ode1", "trans1", "ode2", "trans2", "mhsa", "head")) {
        lat.add(lat("software", s, 2_000_000.0, SW));
      }
      lat.add(lat("software", "total", 14_000_000.0, SW));
      en.add(new EnergyRow("software", "total", 10, 0.21, 2.1, "modeled:cpu-core-15W"));
    }
    double total = 0;
    double totalJ = 0;
    for (var e : FPGA_NS.entrySet()) {
      boolean sw = e.getKey().equals("stem") || e.getKey().equals("head");
      lat.add(lat("fpga", e.getKey(), e.getValue(), sw ? HOST : ZCU));
      en.add(new EnergyRow("fpga", e.getKey(), 10, FPGA_J.get(e.getKey()), 10 * FPGA_J.get(e.getKey()), ZCU));
      total += e.getValue();
      totalJ += FPGA_J.get(e.getKey());
    }
    lat.add(lat("fpga", "total", total, HOST + ";" + ZCU));
    en.add(new EnergyRow("fpga", "total", 10, totalJ, 10 * totalJ, ZCU));
    return new Aggregates(List.of(), lat, en, List.of());
  }

  static LatencyRow lat(String backend, String stage, double meanNs, String prov) {
    long m = Math.round(meanNs);
    return new LatencyRow(backend, stage, 10, m, m, m, m, meanNs, m, prov);
  }

  static GenericRecord row(List<GenericRecord> rows, String baseline, String part) {
    return rows.stream().filter(r -> r.get("baseline").equals(baseline) && r.get("part").equals(part))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + baseline + " / " + part));
  }

  static double d(GenericRecord r, String col) {
    return (Double) r.get(col);
  }

  @Test
  void cortexA53RowsAreModeledFromTheProfileAndTheSpecMacs() {
    BoardProfile zcu = BoardProfile.load("zcu104");
    double rate = zcu.ps().macsPerSecond();
    double stemRate = zcu.ps().macsPerSecond("conv+bn+relu+pool"); // the stem's own A53 rate (memory-bound)
    assertTrue(stemRate < rate);
    double watts = zcu.power().psIdleWatts() + zcu.power().plIdleWatts() + zcu.power().psActiveWatts();
    Aggregates agg = aggregates(true);
    assertEquals("zcu104", PaperTable.profileOf(agg).name());
    List<GenericRecord> rows = PaperTable.build(agg, ModelSpec.preset("cifar10-ode"), zcu);
    assertEquals(14, rows.size(), "7 host-software + 7 cortex-a53 rows");

    long all = STEM + ODE1 + TRANS1 + ODE2 + TRANS2 + MHSA + HEAD;
    long fabricMacs = ODE1 + TRANS1 + ODE2 + TRANS2 + MHSA;
    double fabricMs = (10_000 + 200_000 + 30_000 + 200_000 + 30_000 + 100_000 + 5_000) / 1e6;
    double stemMs = STEM / stemRate * 1e3;
    double allMs = stemMs + (all - STEM) / rate * 1e3;
    double headMs = HEAD / rate * 1e3;

    GenericRecord pre = row(rows, "cortex-a53", "pre-processing");
    assertEquals(stemMs, d(pre, "software"), 1e-9);
    assertEquals(stemMs, d(pre, "fpga"), 1e-9, "the stem runs on the A53 on both sides");
    assertEquals(1.0, d(pre, "speedup"), 1e-12);

    GenericRecord bm = row(rows, "cortex-a53", "backbone+mhsa");
    assertEquals(fabricMacs / rate * 1e3, d(bm, "software"), 1e-9);
    assertEquals(fabricMs, d(bm, "fpga"), 1e-9, "fabric stages and transfers as the fpga backend reported them");
    assertEquals(fabricMacs / rate * 1e3 / fabricMs, d(bm, "speedup"), 1e-6);
    assertEquals(34.01, d(bm, "paper_speedup"), 0);
    assertEquals("paper:arXiv-2401.02721v3", bm.get("paper_provenance"));

    GenericRecord ov = row(rows, "cortex-a53", "overall");
    assertEquals(91_032_064L, all);
    assertEquals(allMs, d(ov, "software"), 1e-9, "stem MACs at the stem rate, the rest at ps.macsPerSecond");
    assertEquals(stemMs + fabricMs + headMs, d(ov, "fpga"), 1e-9);
    assertEquals(9.85, d(ov, "paper_speedup"), 0);

    GenericRecord e = row(rows, "cortex-a53", "energy per inference");
    double fabricJ = 2e-5 + 7e-4 + 1e-4 + 7e-4 + 1e-4 + 3e-4 + 1e-5;
    assertEquals(allMs / 1e3 * watts, d(e, "software"), 1e-12);
    assertEquals((stemMs + headMs) / 1e3 * watts + fabricJ, d(e, "fpga"), 1e-12,
        "A53 stem/head energy from the profile, fabric energy as reported (not the agent's measured stem/head)");
    assertEquals(d(e, "software") / d(e, "fpga"), d(e, "speedup"), 1e-9);
    assertEquals(7.10, d(e, "paper_speedup"), 0);
    assertEquals("J", e.get("unit"));
  }

  @Test
  void provenanceAndRatioLabels() {
    List<GenericRecord> rows = PaperTable.build(aggregates(true), ModelSpec.preset("cifar10-ode"),
        BoardProfile.load("zcu104"));
    for (GenericRecord r : rows) {
      if (r.get("baseline").equals("cortex-a53")) {
        assertEquals(ZCU, r.get("software_provenance"), "A53 software side is modeled: " + r);
        assertEquals(ZCU, r.get("fpga_provenance"), "A53 stem/head + modeled fabric: " + r);
        assertEquals("modeled:ratio(modeled:zcu104 / modeled:zcu104)", r.get("speedup_provenance"));
      } else {
        assertEquals("host-software", r.get("baseline"));
        assertTrue(Double.isNaN(d(r, "paper_speedup")), "the paper's ratios are against the A53 only");
        assertEquals("", r.get("paper_provenance"));
      }
    }
    GenericRecord pre = row(rows, "host-software", "pre-processing");
    assertEquals(2.0, d(pre, "software"), 1e-12);
    assertEquals(1.0, d(pre, "fpga"), 1e-12);
    assertEquals("measured:ratio(" + SW + " / " + HOST + ")", pre.get("speedup_provenance"));
    GenericRecord ov = row(rows, "host-software", "overall");
    assertEquals(HOST + ";" + ZCU, ov.get("fpga_provenance"));
    assertTrue(((String) ov.get("speedup_provenance")).startsWith("modeled:ratio("), "modeled once one side is");
    GenericRecord e = row(rows, "host-software", "energy per inference");
    assertEquals(0.21 / d(e, "fpga"), d(e, "speedup"), 1e-9);
    assertTrue(rows.stream().noneMatch(r -> String.valueOf(r.get("software_provenance")).startsWith("measured:")
        && r.get("baseline").equals("cortex-a53")), "no modeled number labelled measured");
  }

  @Test
  void withoutTheSoftwareBackendOnlyTheModeledA53RowsAreWritten() {
    List<GenericRecord> rows = PaperTable.build(aggregates(false), ModelSpec.preset("cifar10-ode"),
        BoardProfile.load("zcu104"));
    assertEquals(7, rows.size());
    assertTrue(rows.stream().allMatch(r -> r.get("baseline").equals("cortex-a53")));
  }
}
