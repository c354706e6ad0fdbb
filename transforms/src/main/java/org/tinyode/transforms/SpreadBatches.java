package org.tinyode.transforms;

import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Spreads batches over {@code groups} work groups (a fusion break with few keys): group g holds the batches whose
 * {@code (shard * 1_000_003 + batch) mod groups} is g. Unlike a per-element random-key reshuffle, this gives a
 * runner a few large bundles instead of one bundle per batch; the DirectRunner re-deserialises every DoFn of the
 * graph per bundle (profiled: ~20 % of a run's CPU went to re-reading ParquetIO's Hadoop configuration), so few
 * bundles matter there. Which batch lands in which group never changes predictions (batches are fixed).
 */
public final class SpreadBatches extends PTransform<PCollection<BatchRef>, PCollection<BatchRef>> {
  private final int groups;

  private SpreadBatches(int groups) {
    if (groups < 1) {
      throw new IllegalArgumentException("work groups must be >= 1 (not " + groups + ")");
    }
    this.groups = groups;
  }

  public static SpreadBatches over(int groups) {
    return new SpreadBatches(groups);
  }

  @Override
  public PCollection<BatchRef> expand(PCollection<BatchRef> batches) {
    int n = groups;
    return batches
        .apply("KeyByGroup", WithKeys.of((BatchRef b) -> (int) Math.floorMod(b.shard() * 1_000_003L + b.batch(), n))
            .withKeyType(TypeDescriptors.integers()))
        .apply("Group", GroupByKey.create())
        .apply("Batches", Values.create())
        .apply("Ungroup", Flatten.iterables());
  }
}
