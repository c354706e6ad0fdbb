package org.tinyode.transforms;

import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tinyode.transforms.stats.AccuracyFn;
import org.tinyode.transforms.stats.AccuracySummary;

/** Per backend: accuracy with a seeded bootstrap 95 % interval, macro accuracy, per-class counts and confusion. */
public final class SummarizeAccuracy extends PTransform<PCollection<ExampleResult>, PCollection<AccuracySummary>> {
  private final List<String> classNames;
  private final int replicates;
  private final long seed;

  private SummarizeAccuracy(List<String> classNames, int replicates, long seed) {
    this.classNames = List.copyOf(classNames);
    this.replicates = replicates;
    this.seed = seed;
  }

  public static SummarizeAccuracy perBackend(List<String> classNames, int replicates, long seed) {
    return new SummarizeAccuracy(classNames, replicates, seed);
  }

  @Override
  public PCollection<AccuracySummary> expand(PCollection<ExampleResult> results) {
    return results
        .apply("KeyByBackend", WithKeys.of(ExampleResult::backend).withKeyType(TypeDescriptors.strings()))
        .apply("Accuracy", Combine.perKey(new AccuracyFn(classNames, replicates, seed)))
        .apply(Values.create());
  }
}
