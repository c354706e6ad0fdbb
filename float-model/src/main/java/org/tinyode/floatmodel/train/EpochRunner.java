package org.tinyode.floatmodel.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.tinyode.floatmodel.ImagePreprocessor;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;

/**
 * One training epoch: seeded shuffle, augmentation in Java (random crop from a 4-pixel zero-padded image,
 * horizontal flip), forward, label-smoothed loss, backward, optimizer step with the scheduled learning rate.
 * The last incomplete batch is dropped (BN needs a real batch).
 */
public final class EpochRunner {

  /** What an epoch measured. */
  public record Stats(double loss, double accuracy, int images, double seconds, double lastLr) {
    public double imagesPerSecond() {
      return images / Math.max(1e-9, seconds);
    }
  }

  private static final int PAD = 4;

  private EpochRunner() {}

  /**
   * @param firstStep global step number of this epoch's first batch (for the schedule)
   * @param lr learning rate of a global step
   * @param maxImages stop after this many images (<= 0: the whole set)
   */
  public static Stats run(TinyOdeNetwork net, ParameterStore ps, NDManager manager, LabeledImages images,
      Optimizer optimizer, LongToDoubleFunction lr, long firstStep, int batchSize, double labelSmoothing,
      long seed, ProgressBar progress, long maxImages) {
    ImagePreprocessor pre = new ImagePreprocessor(net.spec().input());
    int n = images.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    long limit = maxImages > 0 ? Math.min(maxImages, n) : n;
    int batches = (int) (limit / batchSize);
    if (batches == 0) {
      throw new IllegalArgumentException("only " + n + " training images: fewer than one batch of " + batchSize);
    }
    long t0 = System.nanoTime();
    double lossSum = 0;
    long correct = 0;
    double lastLr = 0;
    float[] buf = new float[batchSize * pre.imageSize()];
    int[] labels = new int[batchSize];
    for (int bi = 0; bi < batches; bi++) {
      for (int i = 0; i < batchSize; i++) {
        int idx = order[bi * batchSize + i];
        pre.write(images.rgb(idx), buf, i * pre.imageSize(), rnd.nextBoolean(), rnd.nextInt(2 * PAD + 1) - PAD,
            rnd.nextInt(2 * PAD + 1) - PAD);
        labels[i] = images.label(idx);
      }
      lastLr = lr.applyAsDouble(firstStep + bi);
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        NDArray x = manager.create(buf, new Shape(batchSize, 3, pre.height(), pre.width()));
        NDArray y = manager.create(labels);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray logits = net.run(ps, x, true);
          NDArray loss = Losses.crossEntropy(logits, y, labelSmoothing);
          gc.backward(loss);
          lossSum += loss.getFloat() * batchSize;
          correct += Losses.correct(logits.stopGradient(), y);
        }
        optimizer.step(lastLr);
      }
      long done = (long) (bi + 1) * batchSize;
      if (progress != null) {
        progress.update(done, (long) batches * batchSize, String.format(java.util.Locale.ROOT,
            "loss %.3f acc %.3f lr %.4f", lossSum / done, correct / (double) done, lastLr));
      }
    }
    int seen = batches * batchSize;
    return new Stats(lossSum / seen, correct / (double) seen, seen, (System.nanoTime() - t0) / 1e9, lastLr);
  }
}
