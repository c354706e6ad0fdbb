package org.tinyode.transforms.stats;

import java.io.Serializable;
import java.util.List;
import org.tinyode.transforms.ExampleResult;

/**
 * Golden vs fpga for one example: {@code exactMatch} when the int8 FPGA-part outputs are identical and, when both
 * sides report per-stage hashes, every fabric stage's output is identical too (an intermediate difference that
 * happens to vanish before the output is still a datapath bug); the number of mismatching elements and the largest |difference| in LSB of the output format (-1 elements when the
 * bytes were not kept and only the hashes differ), and the first stage whose output differs.
 *
 * <p>{@code firstDivergingStage}: {@code ""} when exact; else the first fabric stage (in {@code fabricStages}
 * order) whose per-stage output hash ({@link ExampleResult#fabricStageSha256()}) differs between the two sides —
 * the golden backend hashes its stage-output taps, the fpga backend copies the board's
 * {@code StageReport.output_sha256}, both over the stage's int8 CHW output bytes; {@code fabric_output} when
 * either side has no per-stage hashes (a board that does not report them) or they disagree in count.
 */
public record Divergence(String exampleId, int shard, boolean exactMatch, long mismatchingElements,
    int maxAbsDeltaLsb, String firstDivergingStage, boolean top1Equal, double maxAbsLogitDelta)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static Divergence of(ExampleResult golden, ExampleResult fpga, List<String> fabricStages) {
    byte[] g = golden.fabricOutput();
    byte[] f = fpga.fabricOutput();
    long mism = 0;
    int maxd = 0;
    if (g != null && f != null && g.length == f.length) {
      for (int i = 0; i < g.length; i++) {
        int d = Math.abs(g[i] - f[i]);
        if (d != 0) {
          mism++;
          maxd = Math.max(maxd, d);
        }
      }
    } else if (g == null || f == null || g.length != f.length) {
      mism = golden.fabricOutputSha256().equals(fpga.fabricOutputSha256()) ? 0 : -1;
    }
    boolean outputEqual = golden.fabricOutputSha256().equals(fpga.fabricOutputSha256()) && mism == 0;
    String firstStage = firstDifferingStage(golden.fabricStageSha256(), fpga.fabricStageSha256(), fabricStages);
    boolean exact = outputEqual && firstStage.isEmpty();
    String first = exact ? "" : firstStage.isEmpty() ? "fabric_output" : firstStage;
    double dl = 0;
    for (int i = 0; i < Math.min(golden.logits().length, fpga.logits().length); i++) {
      dl = Math.max(dl, Math.abs(golden.logits()[i] - fpga.logits()[i]));
    }
    return new Divergence(golden.exampleId(), golden.shard(), exact, mism, maxd, first,
        golden.top1() == fpga.top1(), dl);
  }

  /** The first stage whose hashes differ; {@code ""} when all agree or either side has none (or a different count). */
  private static String firstDifferingStage(List<String> gs, List<String> fs, List<String> fabricStages) {
    if (gs.isEmpty() || gs.size() != fs.size()) {
      return "";
    }
    for (int i = 0; i < gs.size(); i++) {
      if (!gs.get(i).equals(fs.get(i))) {
        return fabricStages.get(i);
      }
    }
    return "";
  }
}
