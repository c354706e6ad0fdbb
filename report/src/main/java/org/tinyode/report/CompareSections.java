package org.tinyode.report;

import static org.tinyode.report.Html.esc;
import static org.tinyode.report.Html.keyed;
import static org.tinyode.report.Html.td;
import static org.tinyode.report.Html.th;

import java.util.List;
import java.util.Map;

/** The compare-only sections: the paper table, agreement per backend pair, golden↔fpga divergence. */
final class CompareSections {
  private CompareSections() {}

  /** Shown at most for this many diverging examples (the Parquet table has them all). */
  static final int DIVERGENCE_ROWS = 20;

  static void append(StringBuilder b, RunFolder run) {
    if (run.paperTable().present()) {
      paperTable(b, run.paperTable());
    }
    if (run.agreement().present()) {
      agreement(b, run.agreement());
    }
    if (run.divergence().present()) {
      divergence(b, run.divergence());
    }
  }

  private static void paperTable(StringBuilder b, Table t) {
    b.append("<section id=\"paper-table\"><h2>Paper table (software vs fpga, per baseline)</h2><table><thead>")
        .append(th("baseline", "part", "stages", "unit", "software", "provenance", "fpga", "provenance", "speed-up",
            "provenance", "paper", "source")).append("</thead><tbody>");
    for (Map<String, Object> r : t.rows()) {
      // runs written before the baseline column compared against the host only
      String baseline = r.containsKey("baseline") ? Table.str(r, "baseline") : "host-software";
      String k = "paper." + baseline + "." + Table.str(r, "part") + ".";
      double paper = r.get("paper_speedup") instanceof Number n ? n.doubleValue() : Double.NaN;
      b.append("<tr>").append(td(baseline)).append(td(Table.str(r, "part")))
          .append(td(Table.str(r, "stages"))).append(td(Table.str(r, "unit")))
          .append(keyed(k + "software", r.get("software"), Html.sig(Table.num(r, "software"))))
          .append(Html.provenance(Table.str(r, "software_provenance")))
          .append(keyed(k + "fpga", r.get("fpga"), Html.sig(Table.num(r, "fpga"))))
          .append(Html.provenance(Table.str(r, "fpga_provenance")))
          .append(keyed(k + "speedup", r.get("speedup"), Html.fixed(Table.num(r, "speedup"), 2) + "×"))
          .append(Html.provenance(Table.str(r, "speedup_provenance")))
          .append(Double.isNaN(paper) ? td("") : keyed(k + "paper_speedup", r.get("paper_speedup"),
              Html.fixed(paper, 2) + "×"))
          .append(td(Table.str(r, "paper_provenance"))).append("</tr>");
    }
    b.append("</tbody></table><p class=\"note\">A part's value is the sum of its stages' mean latencies; the energy"
        + " row's ratio is the energy-efficiency ratio. Baseline <code>host-software</code>: the software backend as"
        + " measured on this host vs the fpga backend as it ran. Baseline <code>cortex-a53</code> (the paper's"
        + " baseline, fully modeled from the board profile): the whole model in software on the board's Cortex-A53"
        + " (spec MACs ÷ the profile's A53 MAC rate; energy with the profile's PS/PL watts) vs A53 stem/head + the"
        + " fabric's reported time. The paper's ratios (arXiv 2401.02721 v3, STL-10 96×96 on a real ZCU104) are"
        + " shown next to the A53 rows for reference. Hatched cells are modeled.</p></section>\n");
  }

  private static void agreement(StringBuilder b, Table t) {
    b.append("<section id=\"agreement\"><h2>Agreement (top-1) per backend pair</h2><table><thead>")
        .append(th("a", "b", "examples", "agree", "agreement", "both right", "only a right", "only b right",
            "both wrong", "McNemar exact p", "flips", "first flipped examples")).append("</thead><tbody>");
    for (Map<String, Object> r : t.rows()) {
      String k = "agreement." + Table.str(r, "backend_a") + "." + Table.str(r, "backend_b") + ".";
      b.append("<tr>").append(td(Table.str(r, "backend_a"))).append(td(Table.str(r, "backend_b")))
          .append(td(Table.str(r, "examples"))).append(td(Table.str(r, "agree")))
          .append(keyed(k + "agreement", r.get("agreement"), Html.pct(Table.num(r, "agreement"))))
          .append(td(Table.str(r, "both_right"))).append(td(Table.str(r, "only_a_right")))
          .append(td(Table.str(r, "only_b_right"))).append(td(Table.str(r, "both_wrong")))
          .append(td(Html.sig(Table.num(r, "mcnemar_exact_p"))))
          .append(keyed(k + "flips", r.get("flips"), Table.str(r, "flips")))
          .append("<td class=\"ids\">").append(esc(abbreviate(Table.str(r, "flip_ids_first_100")))).append("</td>")
          .append("</tr>");
    }
    b.append("</tbody></table></section>\n");
  }

  private static void divergence(StringBuilder b, Table t) {
    List<Map<String, Object>> mism = t.rows().stream().filter(r -> !Table.bool(r, "exact_match")).toList();
    long maxLsb = t.rows().stream().mapToLong(r -> Table.lng(r, "max_abs_delta_lsb")).max().orElse(0);
    long top1Diff = t.rows().stream().filter(r -> !Table.bool(r, "top1_equal")).count();
    b.append("<section id=\"divergence\"><h2>Golden ↔ fpga divergence</h2><table class=\"kv\">")
        .append("<tr><th>examples compared</th>").append(keyed("divergence.examples", t.rows().size(),
            Integer.toString(t.rows().size()))).append("</tr>")
        .append("<tr><th>bit-exact</th>").append(keyed("divergence.exact", t.rows().size() - mism.size(),
            Integer.toString(t.rows().size() - mism.size()))).append("</tr>")
        .append("<tr><th>mismatching examples</th>").append(keyed("divergence.mismatches", mism.size(),
            Integer.toString(mism.size()))).append("</tr>")
        .append("<tr><th>max |Δ| (LSB)</th>").append(td(Long.toString(maxLsb))).append("</tr>")
        .append("<tr><th>top-1 differs</th>").append(td(Long.toString(top1Diff))).append("</tr></table>");
    if (!mism.isEmpty()) {
      b.append("<table><thead>").append(th("example", "shard", "mismatching elements", "max |Δ| LSB",
          "first diverging stage", "top-1 equal", "max |Δ logit|")).append("</thead><tbody>");
      for (Map<String, Object> r : mism.subList(0, Math.min(DIVERGENCE_ROWS, mism.size()))) {
        b.append("<tr>").append(td(Table.str(r, "example_id"))).append(td(Table.str(r, "shard")))
            .append(td(Table.str(r, "mismatching_elements"))).append(td(Table.str(r, "max_abs_delta_lsb")))
            .append(td(Table.str(r, "first_diverging_stage"))).append(td(Table.str(r, "top1_equal")))
            .append(td(Html.sig(Table.num(r, "max_abs_logit_delta")))).append("</tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("<p class=\"note\">From divergence-*.parquet (one row per example both answered); any mismatch makes"
        + " the run INVALID.</p></section>\n");
  }

  private static String abbreviate(String ids) {
    String[] parts = ids.isEmpty() ? new String[0] : ids.split(",");
    if (parts.length <= 10) {
      return String.join(", ", parts);
    }
    return String.join(", ", java.util.Arrays.copyOf(parts, 10)) + " … (" + parts.length + " listed)";
  }
}
