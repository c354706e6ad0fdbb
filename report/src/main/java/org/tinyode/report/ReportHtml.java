package org.tinyode.report;

import static org.tinyode.report.Html.esc;
import static org.tinyode.report.Html.keyed;
import static org.tinyode.report.Html.td;
import static org.tinyode.report.Html.th;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The report page: run header with validity, accuracy with CIs, per-class accuracy, confusion heatmaps, per-stage
 * latency and energy (with provenance), the compare sections ({@link CompareSections}) and links to the table
 * files. One self-contained HTML document: inline CSS and SVG, no script, no network.
 */
final class ReportHtml {
  private ReportHtml() {}

  static String render(RunFolder run) {
    StringBuilder b = new StringBuilder(1 << 16);
    JsonNode m = run.manifest();
    String title = "TinyODE " + m.path("command").asText("run") + " — " + run.dir().getFileName();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n")
        .append("<h1>").append(esc(title)).append("</h1>\n");
    header(b, run);
    accuracy(b, run);
    perClass(b, run);
    confusion(b, run);
    latency(b, run);
    energy(b, run);
    CompareSections.append(b, run);
    files(b, run);
    b.append("<footer>Written by <code>tinyode report</code> from the run's Arrow/Parquet tables; every column is"
        + " documented in results/SCHEMA.md.</footer>\n</body></html>\n");
    return b.toString();
  }

  private static void header(StringBuilder b, RunFolder run) {
    JsonNode m = run.manifest();
    JsonNode v = run.validity();
    String status = v.path("status").asText("UNKNOWN");
    b.append("<section id=\"validity\" class=\"validity ").append(status.equals("VALID") ? "valid" : "invalid")
        .append("\"><strong>validity: <span data-key=\"validity.status\">").append(esc(status))
        .append("</span></strong>");
    list(b, "reasons", v.path("reasons"));
    list(b, "warnings", v.path("warnings"));
    b.append("</section>\n<section id=\"run\"><h2>Run</h2><table class=\"kv\">");
    kv(b, "command", m.path("command").asText(""));
    kv(b, "dataset", m.path("dataset").asText("") + " (split " + m.path("options").path("split").asText("") + ")");
    kv(b, "examples selected", m.path("selectedExamples").asText(""));
    kv(b, "batches", m.path("batches").asText(""));
    kv(b, "runner", m.path("versions").path("runner").asText("") + ", parallelism "
        + m.path("options").path("parallelism").asText("default"));
    kv(b, "start / end", m.path("start").asText("") + " / " + m.path("end").asText("") + " ("
        + m.path("wallSeconds").asText("") + " s)");
    kv(b, "git commit", m.path("gitCommit").asText("") + (m.path("gitDirty").asBoolean() ? " (dirty)" : ""));
    JsonNode ver = m.path("versions");
    kv(b, "versions", "tinyode " + ver.path("tinyode").asText("") + ", Java " + ver.path("java").asText("")
        + ", Beam " + ver.path("beam").asText("") + ", " + ver.path("os").asText("") + " " + ver.path("arch")
        .asText("") + ", " + ver.path("cpus").asText("") + " CPUs");
    b.append("</table>\n<table><thead>").append(th("backend", "model", "model SHA-256", "energy", "stage timing"))
        .append("</thead><tbody>");
    for (JsonNode be : m.path("backends")) {
      b.append("<tr>").append(td(be.path("backend").asText(""))).append(td(be.path("model").asText("")))
          .append("<td><code>").append(esc(be.path("model_sha256").asText(""))).append("</code></td>")
          .append(Html.provenance(be.path("energy").asText(""))).append(td(be.path("stage_timing").asText("")))
          .append("</tr>");
    }
    b.append("</tbody></table></section>\n");
  }

  private static void accuracy(StringBuilder b, RunFolder run) {
    b.append("<section id=\"accuracy\"><h2>Accuracy per backend</h2><table><thead>")
        .append(th("backend", "selected", "answered", "failures", "correct", "top-1 accuracy", "95 % CI",
            "macro accuracy", "throughput (img/s)", "energy / inference (J)", "energy provenance"))
        .append("</thead><tbody>");
    for (Map<String, Object> r : run.summary().rows()) {
      String k = "summary." + Table.str(r, "backend") + ".";
      b.append("<tr>").append(td(Table.str(r, "backend")))
          .append(keyed(k + "examples_selected", r.get("examples_selected"), Table.str(r, "examples_selected")))
          .append(keyed(k + "examples_answered", r.get("examples_answered"), Table.str(r, "examples_answered")))
          .append(keyed(k + "failures", r.get("failures"), Table.str(r, "failures")))
          .append(keyed(k + "correct", r.get("correct"), Table.str(r, "correct")))
          .append(keyed(k + "accuracy", r.get("accuracy"), Html.pct(Table.num(r, "accuracy"))))
          .append("<td>").append(esc(Html.pct(Table.num(r, "accuracy_ci95_low")))).append(" – ")
          .append(esc(Html.pct(Table.num(r, "accuracy_ci95_high")))).append("</td>")
          .append(keyed(k + "macro_accuracy", r.get("macro_accuracy"), Html.pct(Table.num(r, "macro_accuracy"))))
          .append(keyed(k + "throughput_per_s", r.get("throughput_per_s"),
              Html.fixed(Table.num(r, "throughput_per_s"), 2)))
          .append(keyed(k + "mean_energy_j", r.get("mean_energy_j"), Html.sig(Table.num(r, "mean_energy_j"))))
          .append(Html.provenance(Table.str(r, "energy_provenance"))).append("</tr>");
    }
    String method = run.summary().isEmpty() ? "" : Table.str(run.summary().rows().get(0), "ci_method");
    b.append("</tbody></table><p class=\"note\">CI: ").append(esc(method)).append(". Throughput: ")
        .append(esc(run.summary().isEmpty() ? "" : Table.str(run.summary().rows().get(0), "throughput_provenance")))
        .append(".</p>").append(figure(Svg.of(Charts.accuracy(run), 560, 320, "chart-accuracy"))).append("</section>\n");
  }

  private static void perClass(StringBuilder b, RunFolder run) {
    b.append("<section id=\"per-class\"><h2>Per-class accuracy</h2>")
        .append(figure(Svg.of(Charts.perClass(run), 900, 360, "chart-per-class"))).append("</section>\n");
  }

  private static void confusion(StringBuilder b, RunFolder run) {
    b.append("<section id=\"confusion\"><h2>Confusion matrices</h2><p class=\"note\">Colour: share of the true"
        + " class's examples; numbers: counts.</p><div class=\"grid\">");
    for (String backend : run.backends()) {
      b.append(figure(Svg.of(ConfusionChart.of(run, backend), 440, 420, "chart-confusion-" + backend)));
    }
    b.append("</div></section>\n");
  }

  private static void latency(StringBuilder b, RunFolder run) {
    b.append("<section id=\"latency\"><h2>Latency per stage</h2>")
        .append(figure(Svg.of(Charts.latency(run), 900, 420, "chart-latency"))).append("<table><thead>")
        .append(th("backend", "stage", "count", "p50 (ms)", "p90 (ms)", "p99 (ms)", "p99.9 (ms)", "mean (ms)",
            "max (ms)", "provenance")).append("</thead><tbody>");
    for (Map<String, Object> r : run.latency().rows()) {
      String k = "latency." + Table.str(r, "backend") + "." + Table.str(r, "stage") + ".";
      b.append("<tr").append(Table.str(r, "stage").equals("total") ? " class=\"total\"" : "").append(">")
          .append(td(Table.str(r, "backend"))).append(td(Table.str(r, "stage"))).append(td(Table.str(r, "count")))
          .append(keyed(k + "p50_ns", r.get("p50_ns"), Html.fixed(Table.num(r, "p50_ns") / 1e6, 3)))
          .append(td(Html.fixed(Table.num(r, "p90_ns") / 1e6, 3)))
          .append(keyed(k + "p99_ns", r.get("p99_ns"), Html.fixed(Table.num(r, "p99_ns") / 1e6, 3)))
          .append(td(Html.fixed(Table.num(r, "p999_ns") / 1e6, 3)))
          .append(td(Html.fixed(Table.num(r, "mean_ns") / 1e6, 3)))
          .append(td(Html.fixed(Table.num(r, "max_ns") / 1e6, 3)))
          .append(Html.provenance(Table.str(r, "provenance"))).append("</tr>");
    }
    b.append("</tbody></table></section>\n");
  }

  private static void energy(StringBuilder b, RunFolder run) {
    b.append("<section id=\"energy\"><h2>Energy per inference per stage</h2>")
        .append(figure(Svg.of(Charts.energy(run), 900, 400, "chart-energy"))).append("<table><thead>")
        .append(th("backend", "stage", "count", "mean per inference (J)", "total (J)", "provenance"))
        .append("</thead><tbody>");
    for (Map<String, Object> r : run.energy().rows()) {
      String k = "energy." + Table.str(r, "backend") + "." + Table.str(r, "stage") + ".";
      b.append("<tr").append(Table.str(r, "stage").equals("total") ? " class=\"total\"" : "").append(">")
          .append(td(Table.str(r, "backend"))).append(td(Table.str(r, "stage"))).append(td(Table.str(r, "count")))
          .append(keyed(k + "mean_j", r.get("mean_j"), Html.sig(Table.num(r, "mean_j"))))
          .append(td(Html.sig(Table.num(r, "total_j")))).append(Html.provenance(Table.str(r, "provenance")))
          .append("</tr>");
    }
    b.append("</tbody></table></section>\n");
  }

  private static void files(StringBuilder b, RunFolder run) {
    b.append("<section id=\"files\"><h2>Files of this run</h2><ul class=\"files\">");
    for (Path f : run.tableFiles()) {
      String n = f.getFileName().toString();
      long size;
      try {
        size = Files.size(f);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      b.append("<li><a href=\"").append(esc(n)).append("\">").append(esc(n)).append("</a> <span class=\"size\">")
          .append(size).append(" bytes</span></li>");
    }
    b.append("</ul><p class=\"note\">Parquet: every table (per-example tables sharded by the runner); Arrow IPC"
        + " (Feather v2): the summary tables.</p></section>\n");
  }

  static String figure(String svg) {
    return "<figure>" + svg + "</figure>";
  }

  private static void kv(StringBuilder b, String k, String v) {
    b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
  }

  private static void list(StringBuilder b, String name, JsonNode items) {
    if (items.isArray() && !items.isEmpty()) {
      b.append("<ul class=\"").append(name).append("\">");
      for (JsonNode i : items) {
        b.append("<li>").append(name.equals("reasons") ? "reason: " : "warning: ").append(esc(i.asText()))
            .append("</li>");
      }
      b.append("</ul>");
    }
  }

  private static final String CSS = String.join("\n", List.of(
      "body{font-family:'DejaVu Sans',Arial,sans-serif;font-size:14px;margin:24px;color:#222;max-width:1200px}",
      "h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:32px}",
      "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}",
      "th{background:#f3f3f3}td:first-child,table.kv th,table.kv td{text-align:left}",
      "tr.total td{font-weight:bold}code{font-size:12px}.note{color:#555;font-size:13px}",
      ".validity{padding:8px 12px;border-radius:4px}.valid{background:#e6f4ea;border:1px solid #34a853}",
      ".invalid{background:#fce8e6;border:1px solid #ea4335}.validity ul{margin:4px 0}",
      "td.prov{text-align:left;font-size:12px}",
      "td.modeled{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#eee 4px,#eee 8px)}",
      "figure{margin:8px 0}.grid{display:flex;flex-wrap:wrap;gap:8px}.size{color:#777;font-size:12px}",
      "footer{margin-top:32px;color:#777;font-size:12px}"));
}
