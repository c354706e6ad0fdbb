package org.tinyode.floatmodel.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.WeightsFile;

/** {@code train --eval-only}: top-1 accuracy of a weights file (float or quantized) on a labelled split. */
public final class EvalCommandSupport {

  private EvalCommandSupport() {}

  /** Prints one result line on stdout; returns the exit code. */
  public static int run(Path model, Path data, String format, String split, int limit, int threads, PrintStream out,
      PrintStream err) throws Exception {
    return run(model, data, format, split, limit, threads, null, false, out, err);
  }

  /**
   * As above; if {@code recordAs} is not null the measured top-1 is also stored in the model file's provenance
   * under that metric name (tensors and their SHA-256 unchanged), with how it was measured.
   */
  public static int run(Path model, Path data, String format, String split, int limit, int threads, String recordAs,
      boolean compareGolden, PrintStream out, PrintStream err) throws Exception {
    double acc;
    String how;
    try (FloatModel m = FloatModel.load(model); ImageDataset ds = Datasets.open(data, format, split)) {
      if (!ds.classNames().equals(m.spec().classNames())) {
        throw new IllegalArgumentException(data + ": classes " + ds.classNames() + " differ from the model's "
            + m.spec().classNames());
      }
      int[] all = LabeledImages.spread(ds.size(), limit);
      int n = all.length;
      long t0 = System.nanoTime();
      LabeledImages images = LabeledImages.load(ds, all, m.spec().input().width(), m.spec().input().height(), threads,
          null);
      double decode = (System.nanoTime() - t0) / 1e9;
      ProgressBar bar = new ProgressBar(err, "eval " + m.kind().label());
      long correct = 0;
      int[] top1 = new int[n];
      int batch = 200;
      long t1 = System.nanoTime();
      for (int start = 0; start < n; start += batch) {
        List<Example> ex = new ArrayList<>();
        for (int i = start; i < Math.min(n, start + batch); i++) {
          ex.add(new Example(Integer.toString(i), all[i], images.label(i), images.width(), images.height(),
              images.rgb(i)));
        }
        for (Prediction p : m.predict(ex)) {
          int i = Integer.parseInt(p.id());
          top1[i] = p.top1();
          if (p.top1() == images.label(i)) {
            correct++;
          }
        }
        bar.update(Math.min(n, start + batch), n, "");
      }
      double sec = (System.nanoTime() - t1) / 1e9;
      acc = correct / (double) n;
      how = String.format(Locale.ROOT, "measured:train --eval-only on %s split %s (%d images, %s), %s path "
          + "(%s)", data.getFileName(), split, n, limit > 0 ? "evenly spaced subset" : "all",
          m.kind() == WeightsFile.Kind.QUANTIZED ? "exact integer (fixed-point spec v1)" : "float32",
          java.time.Instant.now());
      if (compareGolden && m.kind() == WeightsFile.Kind.QUANTIZED) {
        GoldenModel golden = GoldenModel.of(m.weights());
        List<byte[]> rgb = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          rgb.add(images.rgb(i));
        }
        long tg = System.nanoTime();
        org.tinyode.model.golden.Prediction[] g = golden.predictBatch(rgb, threads);
        long agree = 0;
        long gCorrect = 0;
        for (int i = 0; i < n; i++) {
          agree += g[i].top1() == top1[i] ? 1 : 0;
          gCorrect += g[i].top1() == images.label(i) ? 1 : 0;
        }
        out.printf(Locale.ROOT, "golden model (org.tinyode.model.golden): top-1 %.4f (%d/%d); top-1 agreement with "
            + "the DJL integer path %.4f (%d/%d); measured:train --eval-only --compare-golden, %.1f s%n",
            gCorrect / (double) n, gCorrect, n, agree / (double) n, agree, n, (System.nanoTime() - tg) / 1e9);
      }
      out.printf(Locale.ROOT, "model %s (%s): top-1 %.4f (%d/%d) on %s split %s; measured:train --eval-only, "
          + "%.1f s inference (%.1f img/s), %.1f s decode%n", model, m.kind().label(), acc, correct,
          n, data, split, sec, n / sec, decode);
    }
    if (recordAs != null) {
      WeightsFile f = WeightsFile.load(model, null);
      Provenance p = f.provenance();
      Map<String, Provenance.Metric> metrics = new TreeMap<>(p.metrics());
      metrics.put(recordAs, new Provenance.Metric(acc, how));
      Provenance np = new Provenance(p.dataset(), p.seed(), p.epochs(), metrics, p.gitCommit(), p.created(),
          p.commandLine(), p.toolVersions(), p.note());
      Path tmp = model.resolveSibling(model.getFileName() + ".tmp");
      new WeightsFile(f.kind(), f.spec(), np, f.tensors()).save(tmp);
      java.nio.file.Files.move(tmp, model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      err.printf("recorded %s = %.4f in the provenance of %s%n", recordAs, acc, model);
    }
    return 0;
  }
}
