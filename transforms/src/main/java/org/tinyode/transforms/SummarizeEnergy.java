package org.tinyode.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tinyode.transforms.stats.EnergyMeanFn;
import org.tinyode.transforms.stats.EnergyRow;

/** Per backend × stage (plus {@code total}): mean energy per inference in joules, with provenance. */
public final class SummarizeEnergy extends PTransform<PCollection<ExampleResult>, PCollection<EnergyRow>> {

  private SummarizeEnergy() {}

  public static SummarizeEnergy perBackendAndStage() {
    return new SummarizeEnergy();
  }

  @Override
  public PCollection<EnergyRow> expand(PCollection<ExampleResult> results) {
    return results
        .apply("StageEnergies", FlatMapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                TypeDescriptors.kvs(TypeDescriptors.doubles(), TypeDescriptors.strings())))
            .via(SummarizeEnergy::stageValues))
        .apply("Mean", Combine.perKey(new EnergyMeanFn()))
        .apply("ToRow", MapElements.into(TypeDescriptor.of(EnergyRow.class)).via(kv -> {
          EnergyMeanFn.Acc a = kv.getValue();
          return new EnergyRow(kv.getKey().getKey(), kv.getKey().getValue(), a.count, a.sumJ / a.count, a.sumJ,
              String.join(";", a.provenance));
        }));
  }

  static List<KV<KV<String, String>, KV<Double, String>>> stageValues(ExampleResult r) {
    List<KV<KV<String, String>, KV<Double, String>>> out = new ArrayList<>();
    java.util.TreeSet<String> labels = new java.util.TreeSet<>();
    for (StageMeasure s : r.stages()) {
      out.add(KV.of(KV.of(r.backend(), s.stage()), KV.of(s.energyJ(), s.energyProvenance())));
      labels.add(s.energyProvenance());
    }
    out.add(KV.of(KV.of(r.backend(), SummarizeLatency.TOTAL), KV.of(r.totalEnergyJ(), String.join(";", labels))));
    return out;
  }
}
