package org.tinyode.floatmodel.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.floatmodel.Prediction;

/** {@code train --eval-only}: top-1 accuracy of a weights file (float or quantized) on a labelled split. */
public final class EvalCommandSupport {

  private EvalCommandSupport() {}

  /** Prints one result line on stdout; returns the exit code. */
  public static int run(Path model, Path data, String format, String split, int limit, int threads, PrintStream out,
      PrintStream err) throws Exception {
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
          if (p.top1() == images.label(i)) {
            correct++;
          }
        }
        bar.update(Math.min(n, start + batch), n, "");
      }
      double sec = (System.nanoTime() - t1) / 1e9;
      out.printf(Locale.ROOT, "model %s (%s): top-1 %.4f (%d/%d) on %s split %s; measured:train --eval-only, "
          + "%.1f s inference (%.1f img/s), %.1f s decode%n", model, m.kind().label(), correct / (double) n, correct,
          n, data, split, sec, n / sec, decode);
      return 0;
    }
  }
}
