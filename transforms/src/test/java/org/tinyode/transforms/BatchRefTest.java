package org.tinyode.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyode.datasets.ShardManifest;

class BatchRefTest {
  private static ShardManifest manifest(List<List<Integer>> shards) {
    List<ShardManifest.Shard> s = new java.util.ArrayList<>();
    for (int i = 0; i < shards.size(); i++) {
      s.add(new ShardManifest.Shard(i, shards.get(i)));
    }
    return new ShardManifest("x", "x", "folder", "test", 10, null, "contiguous", 7, s);
  }

  @Test
  void cutsEachShardInIndexOrderWithAShortLastBatch() {
    List<BatchRef> b = BatchRef.cut(manifest(List.of(List.of(0, 1, 2, 3, 4), List.of(7, 9))), 2);
    assertEquals(List.of(new BatchRef(0, 0, List.of(0, 1)), new BatchRef(0, 1, List.of(2, 3)),
        new BatchRef(0, 2, List.of(4)), new BatchRef(1, 0, List.of(7, 9))), b);
    assertEquals("s0001-b000000", b.get(3).key());
  }

  @Test
  void emptyShardsGiveNoBatches() {
    assertTrue(BatchRef.cut(manifest(List.of(List.of(), List.of(3))), 8).stream().allMatch(x -> x.shard() == 1));
  }

  @Test
  void batchSizeBelowOneIsRefusedWithTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BatchRef.cut(manifest(List.of(List.of(1))), 0));
    assertTrue(e.getMessage().contains("not 0"), e.getMessage());
  }
}
