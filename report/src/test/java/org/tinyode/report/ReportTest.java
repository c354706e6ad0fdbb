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
    assertFalse(html.contains("id=\"paper-table\""), "no paper table without software and fpga");
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
