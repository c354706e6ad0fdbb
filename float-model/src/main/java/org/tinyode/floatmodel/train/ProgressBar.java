package org.tinyode.floatmodel.train;

import java.io.PrintStream;

/** One-line progress on stderr: done/total, images/s, ETA, and a free-text suffix; at most 2 redraws a second. */
public final class ProgressBar {

  private final PrintStream out;
  private final String label;
  private final long start = System.nanoTime();
  private long lastDraw;

  public ProgressBar(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  /** Redraws if due; {@code done} and {@code total} are images. */
  public void update(long done, long total, String suffix) {
    long now = System.nanoTime();
    if (now - lastDraw < 500_000_000L && done < total) {
      return;
    }
    lastDraw = now;
    double sec = (now - start) / 1e9;
    double rate = done / Math.max(1e-9, sec);
    long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
    int width = 24;
    int filled = (int) (width * done / Math.max(1, total));
    out.printf("\r%s [%s%s] %d/%d %.1f img/s ETA %d:%02d %s   ", label, "#".repeat(filled),
        ".".repeat(width - filled), done, total, rate, eta / 60, eta % 60, suffix);
    if (done >= total) {
      out.println();
    }
    out.flush();
  }

  public double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }
}
