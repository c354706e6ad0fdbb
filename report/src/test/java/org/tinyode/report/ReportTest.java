package org.tinyode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html of the hand-made run in {@link RunFixture}: every section, exact numbers, provenance marks. */
class ReportTest {
  @TempDir Path tmp;
  Path run;
  String html;

  @BeforeEach
  void writeReport() throws Exception {
    run = RunFixture.write(tmp.resolve("run"));
    Path out = Report.write(run);
    assertEquals(run.resolve("report.html"), out);
    html = Files.readString(out);
  }

  @Test
  void keyNumbersCarryTheSummaryTablesExactValues() {
    assertEquals("0.75", value("summary.golden.accuracy"));
    assertEquals("75.00 %", text("summary.golden.accuracy"));
    assertEquals("50.00 %", text("summary.fpga.accuracy"));
    assertEquals("3", text("summary.golden.correct"));
    assertEquals("0.02", value("summary.golden.mean_energy_j"));
    assertEquals("6.000", text("latency.golden.total.p50_ns"));
    assertEquals("11000000", value("latency.golden.total.p99_ns"));
    assertEquals("75.00 %", text("agreement.fpga.golden.agreement"));
  }

  @Test
  void headerShowsValidityWithReasonsAndWarnings() {
    assertEquals("INVALID", text("validity.status"));
    assertTrue(html.contains("reason: 1 of 4 examples differ between golden and fpga"), "reason listed");
    assertTrue(html.contains("warning: golden: model &lt;random&gt; is untrained"), "warning listed, escaped");
  }

  @Test
  void everyChartIsInlineSvgAndNothingIsFetched() {
    for (String id : new String[] {"chart-accuracy", "chart-per-class", "chart-confusion-golden",
        "chart-confusion-fpga", "chart-latency", "chart-energy"}) {
      assertTrue(html.contains("<svg id='" + id + "'"), id);
    }
    assertFalse(html.contains("<script"), "no script");
    assertFalse(Pattern.compile("(src|href)=[\"']?(https?:)?//").matcher(html).find(), "no network reference");
  }

  @Test
  void modeledValuesAreMarked() {
    assertTrue(html.contains("<td class=\"prov modeled\">modeled:zcu104</td>"), "modeled provenance cell");
    assertTrue(html.contains("<td class=\"prov\">measured:rapl:package-0</td>"), "measured cell unmarked");
    assertTrue(html.contains("hatched = modeled"), "chart legend explains hatching");
  }

  @Test
  void compareSectionsAndFileLinks() {
    assertEquals("1", text("divergence.mismatches"));
    assertEquals("4", text("divergence.examples"));
    assertTrue(html.contains("<td>fixture/test/3</td>"), "diverging example listed");
    assertTrue(html.contains("<a href=\"summary.arrow\">summary.arrow</a>"));
    assertTrue(html.contains("<a href=\"divergence-00000-of-00001.parquet\">"));
    assertFalse(html.contains("id=\"paper-table\""), "no paper_table file, no paper table section");
  }

  @Test
  void paperTableShowsEachBaselineAndThePapersFigures() throws Exception {
    org.tinyode.transforms.io.TableFiles.write(run, "paper_table",
        org.tinyode.transforms.io.CompareSchema.PAPER_TABLE, java.util.List.of(
            org.tinyode.transforms.io.CompareSchema.paperRow("host-software", "overall", "total", "ms", 6.0,
                "measured:host-cpu-nanotime/batch-share", 3.0, "measured:host-cpu-nanotime;modeled:zcu104", 2.0,
                "modeled:ratio(a / b)", Double.NaN, ""),
            org.tinyode.transforms.io.CompareSchema.paperRow("cortex-a53", "overall", "every stage", "ms", 151.72,
                "modeled:zcu104", 4.0, "modeled:zcu104", 37.93, "modeled:ratio(modeled:zcu104 / modeled:zcu104)",
                9.85, "paper:arXiv-2401.02721v3")));
    html = Files.readString(Report.write(run));
    assertTrue(html.contains("id=\"paper-table\""), "paper table section");
    assertEquals("2.00×", text("paper.host-software.overall.speedup"));
    assertEquals("151.72", value("paper.cortex-a53.overall.software"));
    assertEquals("37.93×", text("paper.cortex-a53.overall.speedup"));
    assertEquals("9.85×", text("paper.cortex-a53.overall.paper_speedup"));
    assertFalse(html.contains("data-key=\"paper.host-software.overall.paper_speedup\""), "no paper figure vs host");
    assertTrue(html.contains("<td>paper:arXiv-2401.02721v3</td>"), "the paper's figure names its source");
    assertTrue(html.contains("<td>cortex-a53</td><td>overall</td>"), "baseline column");
    assertTrue(html.contains("<td class=\"prov modeled\">modeled:zcu104</td>"), "modeled A53 cell hatched");
  }

  @Test
  void notARunFolderIsAReportException() {
    ReportException e = assertThrows(ReportException.class, () -> Report.write(tmp.resolve("missing")));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void endOfRunHookNeverThrows() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Report.writeAtEndOfRun(tmp.resolve("missing"), new PrintStream(b, true, StandardCharsets.UTF_8));
    assertTrue(b.toString(StandardCharsets.UTF_8).startsWith("report: not written"), b.toString());
  }

  private String value(String key) {
    Matcher m = Pattern.compile("data-key=\"" + Pattern.quote(key) + "\" data-value=\"([^\"]*)\"").matcher(html);
    assertTrue(m.find(), key + " in the page");
    return m.group(1);
  }

  private String text(String key) {
    Matcher m = Pattern.compile("data-key=\"" + Pattern.quote(key) + "\"[^>]*>([^<]*)<").matcher(html);
    assertTrue(m.find(), key + " in the page");
    return m.group(1);
  }
}
