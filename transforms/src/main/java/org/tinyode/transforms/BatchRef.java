package org.tinyode.transforms;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.tinyode.datasets.ShardManifest;

/**
 * One unit of work: batch {@code batch} of shard {@code shard}, holding the example indices at positions
 * {@code [batch * batchSize, (batch + 1) * batchSize)} of that shard's (ascending) index list.
 *
 * <p>Batches are cut in the driver from the shard manifest alone, so which images share a batch never depends on
 * the runner, the bundling or the number of workers: the same manifest and batch size always give the same
 * batches, and so the same predictions.
 */
public record BatchRef(int shard, int batch, List<Integer> indices) implements Serializable {
  private static final long serialVersionUID = 1L;

  public BatchRef {
    indices = List.copyOf(indices);
  }

  /** A stable key, e.g. {@code s0003-b000012}. */
  public String key() {
    return String.format("s%04d-b%06d", shard, batch);
  }

  /** Every batch of every shard, in shard then batch order. */
  public static List<BatchRef> cut(ShardManifest manifest, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1 (not " + batchSize + ")");
    }
    List<BatchRef> out = new ArrayList<>();
    for (ShardManifest.Shard s : manifest.shards()) {
      List<Integer> idx = s.exampleIndices();
      for (int from = 0, b = 0; from < idx.size(); from += batchSize, b++) {
        out.add(new BatchRef(s.shard(), b, idx.subList(from, Math.min(idx.size(), from + batchSize))));
      }
    }
    return out;
  }
}
