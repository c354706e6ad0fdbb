package org.tinyode.floatmodel.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * BoTNet 2-D relative position table as matrix products with constant one-hot selectors (differentiable and
 * exact on integers): for query {@code i = (y_i, x_i)} and key {@code j = (y_j, x_j)} on an H x W grid,
 * {@code r_ij = R_h[y_j - y_i + H - 1] + R_w[x_j - x_i + W - 1]}.
 *
 * <p>Dimensions: N = H*W positions, heads, d head dimension.
 */
public final class RelativePositions {

  private RelativePositions() {}

  /** Row of {@code R_h} used by the pair (i, j): {@code y_j - y_i + H - 1}. */
  public static int rowIndex(int i, int j, int width, int height) {
    return j / width - i / width + height - 1;
  }

  /** Row of {@code R_w} used by the pair (i, j): {@code x_j - x_i + W - 1}. */
  public static int columnIndex(int i, int j, int width) {
    return j % width - i % width + width - 1;
  }

  /** {@code [N*N, 2H-1]} (rows) or {@code [N*N, 2W-1]} (columns) one-hot selector. */
  public static NDArray selector(NDManager manager, int height, int width, boolean rows, DataType type) {
    int n = height * width;
    int span = rows ? 2 * height - 1 : 2 * width - 1;
    float[] sel = new float[n * n * span];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int idx = rows ? rowIndex(i, j, width, height) : columnIndex(i, j, width);
        sel[(i * n + j) * span + idx] = 1f;
      }
    }
    return manager.create(sel, new Shape((long) n * n, span)).toType(type, false);
  }

  /**
   * {@code r [heads, N, N, d]} from {@code relH [heads, 2H-1, d]} and {@code relW [heads, 2W-1, d]}; temporaries
   * and the result live in {@code m}.
   */
  public static NDArray table(NDManager m, NDArray relH, NDArray relW, int height, int width) {
    long heads = relH.getShape().get(0);
    long d = relH.getShape().get(2);
    int n = height * width;
    NDArray h = selector(m, height, width, true, relH.getDataType()).matMul(relH);   // [heads, N*N, d]
    NDArray w = selector(m, height, width, false, relW.getDataType()).matMul(relW);  // [heads, N*N, d]
    return h.add(w).reshape(heads, n, n, d);
  }

  /**
   * Position logits {@code P[b, h, i, j] = q[b, h, i, :] . r[h, i, j, :]} for {@code q [B, heads, N, d]} and
   * {@code r [heads, N, N, d]}: one batched matrix product per (head, query).
   */
  public static NDArray logits(NDArray q, NDArray r) {
    NDArray qt = q.transpose(1, 2, 0, 3);                        // [heads, N, B, d]
    NDArray rt = r.transpose(0, 1, 3, 2);                        // [heads, N, d, N]
    return qt.matMul(rt).transpose(2, 0, 1, 3);                  // [heads, N, B, N] -> [B, heads, N, N]
  }
}
