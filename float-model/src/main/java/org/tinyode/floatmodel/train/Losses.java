package org.tinyode.floatmodel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Training loss and accuracy helpers. */
public final class Losses {

  private Losses() {}

  /**
   * Mean softmax cross-entropy with label smoothing {@code eps}: target {@code (1 - eps) * onehot + eps / K}.
   *
   * @param logits {@code [B, K]}
   * @param labels {@code [B]} int32 class ids
   */
  public static NDArray crossEntropy(NDArray logits, NDArray labels, double eps) {
    long k = logits.getShape().get(1);
    NDArray logp = logits.logSoftmax(1);                                         // [B, K]
    NDArray target = labels.oneHot((int) k, DataType.FLOAT32).mul(1 - eps).add(eps / k);
    return logp.mul(target).sum(new int[] {1}).neg().mean();
  }

  /** Number of rows whose arg-max equals the label. */
  public static long correct(NDArray logits, NDArray labels) {
    return logits.argMax(1).toType(DataType.INT32, false).eq(labels.toType(DataType.INT32, false)).sum()
        .toType(DataType.INT64, false).getLong();
  }
}
