package org.tinyode.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code report.html} into a finished run folder (or to another file). */
public final class Report {
  public static final String FILE = "report.html";

  private Report() {}

  /** Reads the run folder and writes {@code <runDir>/report.html}; returns the file written. */
  public static Path write(Path runDir) {
    return write(runDir, runDir.resolve(FILE));
  }

  /** Reads the run folder and writes the report to {@code out} (atomically: a temp file renamed). */
  public static Path write(Path runDir, Path out) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    String html = ReportHtml.render(RunFolder.read(runDir));
    try {
      Path parent = out.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve("." + out.getFileName() + ".partial");
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The end-of-run hook of evaluate and compare: writes the report and prints where, or prints why not. A report
   * that cannot be drawn never fails the run (its tables are the result; {@code tinyode report} can retry).
   */
  public static void writeAtEndOfRun(Path runDir, PrintStream out) {
    try {
      out.println("report: " + write(runDir));
    } catch (RuntimeException | LinkageError e) {
      out.println("report: not written (" + e + "); retry with ./tinyode report --run " + runDir);
    }
  }
}
