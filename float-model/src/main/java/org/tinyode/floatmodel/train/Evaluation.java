package org.tinyode.floatmodel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.tinyode.floatmodel.ImagePreprocessor;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;

/** Loss and top-1 accuracy of a network over in-memory images (inference mode, no augmentation). */
public final class Evaluation {

  /** Mean loss (cross-entropy, no smoothing), top-1 accuracy and image count. */
  public record Result(double loss, double accuracy, int images, double seconds) {}

  private Evaluation() {}

  public static Result run(TinyOdeNetwork net, ParameterStore ps, NDManager manager, LabeledImages images,
      int batchSize, ProgressBar progress) {
    ImagePreprocessor pre = new ImagePreprocessor(net.spec().input());
    long t0 = System.nanoTime();
    double lossSum = 0;
    long correct = 0;
    int n = images.size();
    for (int start = 0; start < n; start += batchSize) {
      int b = Math.min(batchSize, n - start);
      float[] buf = new float[b * pre.imageSize()];
      int[] labels = new int[b];
      for (int i = 0; i < b; i++) {
        pre.write(images.rgb(start + i), buf, i * pre.imageSize());
        labels[i] = images.label(start + i);
      }
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray x = manager.create(buf, new Shape(b, 3, pre.height(), pre.width()));
        NDArray logits = net.run(ps, x, false);
        NDArray y = manager.create(labels);
        lossSum += Losses.crossEntropy(logits, y, 0.0).getFloat() * b;
        correct += Losses.correct(logits, y);
      }
      if (progress != null) {
        progress.update(start + b, n, "eval");
      }
    }
    return new Result(lossSum / n, correct / (double) n, n, (System.nanoTime() - t0) / 1e9);
  }

}
