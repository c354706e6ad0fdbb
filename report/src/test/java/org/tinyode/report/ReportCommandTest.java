package org.tinyode.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tinyode report}: exit codes and where it writes. */
class ReportCommandTest {
  @TempDir Path tmp;

  private int run(StringWriter out, StringWriter err, String... args) {
    CommandLine c = new CommandLine(new ReportCommand());
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    return c.execute(args);
  }

  @Test
  void writesReportHtmlIntoTheRunFolderOrToOut() throws Exception {
    Path run = RunFixture.write(tmp.resolve("run"));
    StringWriter out = new StringWriter();
    assertEquals(0, run(out, new StringWriter(), "--run", run.toString()));
    assertTrue(Files.isRegularFile(run.resolve("report.html")));
    assertTrue(out.toString().contains("report.html"), out.toString());
    Path other = tmp.resolve("elsewhere/r.html");
    assertEquals(0, run(new StringWriter(), new StringWriter(), "--run", run.toString(), "--out", other.toString()));
    assertTrue(Files.isRegularFile(other));
  }

  @Test
  void aFolderThatIsNotARunIsBadInput() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    StringWriter err = new StringWriter();
    assertEquals(1, run(new StringWriter(), err, "--run", tmp.resolve("empty").toString()));
    assertTrue(err.toString().contains("no summary.arrow"), err.toString());
  }

  @Test
  void missingRunOptionIsAUsageError() {
    assertEquals(2, run(new StringWriter(), new StringWriter()));
  }
}
