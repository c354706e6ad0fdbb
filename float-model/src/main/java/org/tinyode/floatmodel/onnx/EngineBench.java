package org.tinyode.floatmodel.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.floatmodel.FloatModel;
import org.tinyode.model.weights.WeightsFile;

/**
 * DJL-PyTorch vs DJL-OnnxRuntime on the same float weights and images, side by side in one JVM: alternating timed
 * rounds (PyTorch, OnnxRuntime, PyTorch, ...) over the same batches after a warm-up round each, images/s per
 * engine (median over rounds, measured:wall-clock System.nanoTime) and the ratio OnnxRuntime / PyTorch.
 *
 * <p>Usage: {@code EngineBench [model] [dataset] [images] [batch] [rounds]} (defaults:
 * models/cifar10-ode.float.safetensors samples/cifar10 500 32 5). Command in docs/onnx.md.
 */
public final class EngineBench {
  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args.length > 0 ? args[0] : "models/cifar10-ode.float.safetensors");
    Path data = Path.of(args.length > 1 ? args[1] : "samples/cifar10");
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    WeightsFile w = WeightsFile.load(model, null);
    List<Example> images = new ArrayList<>();
    try (ImageDataset ds = Datasets.open(data, null, "test")) {
      for (int i = 0; images.size() < n && i < ds.size(); i++) {
        images.add(ds.get(i));
      }
    }
    List<List<Example>> batches = new ArrayList<>();
    for (int i = 0; i < images.size(); i += batch) {
      batches.add(images.subList(i, Math.min(images.size(), i + batch)));
    }
    System.out.printf("model %s (%s), %d images of %s, batch %d, %d rounds, %d CPUs, threads: pytorch %s, "
            + "onnxruntime %s%n", model, w.spec().name(), images.size(), data, batch, rounds,
        Runtime.getRuntime().availableProcessors(), System.getProperty("ai.djl.pytorch.num_threads", "default"),
        System.getProperty("tinyode.onnxruntime.threads", "default"));
    double[] pt = new double[rounds];
    double[] ort = new double[rounds];
    try (FloatModel f = FloatModel.of(w); OnnxRuntimeModel o = OnnxRuntimeModel.of(w)) {
      run(batches, b -> f.predict(b));
      run(batches, b -> o.predict(b));
      for (int r = 0; r < rounds; r++) {
        pt[r] = images.size() / run(batches, b -> f.predict(b));
        ort[r] = images.size() / run(batches, b -> o.predict(b));
        System.out.printf("round %d: pytorch %.1f img/s, onnxruntime %.1f img/s, ratio %.2f%n", r + 1, pt[r],
            ort[r], ort[r] / pt[r]);
      }
    }
    double p = median(pt);
    double q = median(ort);
    System.out.printf("median: pytorch %.1f img/s, onnxruntime %.1f img/s, onnxruntime/pytorch %.2fx "
        + "(measured:wall-clock)%n", p, q, q / p);
  }

  private interface Batch {
    void run(List<Example> b);
  }

  /** Seconds for one pass over all batches. */
  private static double run(List<List<Example>> batches, Batch body) {
    long t0 = System.nanoTime();
    for (List<Example> b : batches) {
      body.run(b);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
