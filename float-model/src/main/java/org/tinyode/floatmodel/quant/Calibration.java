package org.tinyode.floatmodel.quant;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.tinyode.floatmodel.ImagePreprocessor;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.floatmodel.train.LabeledImages;

/**
 * Activation calibration: float inference (BN running statistics) over {@code batches} batches of images spread
 * evenly over {@code images} (so every class of a class-sorted set is seen), recording the running maximum of |x| on every edge, then freezing the formats
 * {@code f = floor(log2(127 / max))}.
 */
public final class Calibration {

  private Calibration() {}

  public static void run(TinyOdeNetwork net, ParameterStore ps, NDManager manager, LabeledImages images,
      int batchSize, int batches) {
    QuantContext q = net.quant();
    QuantMode before = q.mode();
    q.clearMaxima();
    q.setMode(QuantMode.CALIBRATE);
    ImagePreprocessor pre = new ImagePreprocessor(net.spec().input());
    try {
      int[] chosen = LabeledImages.spread(images.size(), batches * batchSize);
      int n = chosen.length;
      for (int start = 0; start < n; start += batchSize) {
        int b = Math.min(batchSize, n - start);
        float[] buf = new float[b * pre.imageSize()];
        for (int i = 0; i < b; i++) {
          pre.write(images.rgb(chosen[start + i]), buf, i * pre.imageSize());
        }
        try (NDScope scope = new NDScope()) {
          scope.suppressNotUsedWarning();
          net.run(ps, manager.create(buf, new Shape(b, 3, pre.height(), pre.width())), false);
        }
      }
    } finally {
      q.setMode(QuantMode.FLOAT);
    }
    q.freezeFormats();
    if (before != QuantMode.CALIBRATE) {
      q.setMode(before);
    }
  }
}
