package org.tinyode.transforms;

import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tinyode.transforms.stats.LatencyHistogramFn;
import org.tinyode.transforms.stats.LatencyRow;

/**
 * Per backend × stage (plus a {@code total} pseudo-stage = the sum of an example's stages): latency quantiles from
 * HdrHistograms merged in a CombineFn.
 */
public final class SummarizeLatency extends PTransform<PCollection<ExampleResult>, PCollection<LatencyRow>> {
  public static final String TOTAL = "total";

  private SummarizeLatency() {}

  public static SummarizeLatency perBackendAndStage() {
    return new SummarizeLatency();
  }

  @Override
  public PCollection<LatencyRow> expand(PCollection<ExampleResult> results) {
    return results
        .apply("StageLatencies", FlatMapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.strings())))
            .via(SummarizeLatency::stageValues))
        .apply("Histogram", Combine.perKey(new LatencyHistogramFn()))
        .apply("ToRow", MapElements.into(TypeDescriptor.of(LatencyRow.class)).via(kv -> {
          LatencyHistogramFn.Stats s = kv.getValue();
          return new LatencyRow(kv.getKey().getKey(), kv.getKey().getValue(), s.count(), s.p50(), s.p90(), s.p99(),
              s.p999(), s.mean(), s.max(), s.provenance());
        }));
  }

  static java.util.List<KV<KV<String, String>, KV<Long, String>>> stageValues(ExampleResult r) {
    java.util.List<KV<KV<String, String>, KV<Long, String>>> out = new java.util.ArrayList<>();
    java.util.TreeSet<String> labels = new java.util.TreeSet<>();
    for (StageMeasure s : r.stages()) {
      out.add(KV.of(KV.of(r.backend(), s.stage()), KV.of(s.latencyNs(), s.latencyProvenance())));
      labels.add(s.latencyProvenance());
    }
    out.add(KV.of(KV.of(r.backend(), TOTAL), KV.of(r.totalLatencyNs(), String.join(";", labels))));
    return out;
  }
}
