package org.tinyode.transforms;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tinyode.transforms.stats.AgreementFn;
import org.tinyode.transforms.stats.AgreementRow;

/** Per backend pair (names in order): top-1 agreement, McNemar's test and flipping examples. */
public final class SummarizeAgreement
    extends PTransform<PCollection<KV<String, List<ExampleResult>>>, PCollection<AgreementRow>> {

  private SummarizeAgreement() {}

  public static SummarizeAgreement perPair() {
    return new SummarizeAgreement();
  }

  @Override
  public PCollection<AgreementRow> expand(PCollection<KV<String, List<ExampleResult>>> joined) {
    return joined
        .apply("Pairs", FlatMapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            new TypeDescriptor<List<ExampleResult>>() {})).via(SummarizeAgreement::pairs))
        .apply("Agreement", Combine.perKey(new AgreementFn()))
        .apply(Values.create());
  }

  static List<KV<String, List<ExampleResult>>> pairs(KV<String, List<ExampleResult>> kv) {
    List<ExampleResult> l = kv.getValue();
    List<KV<String, List<ExampleResult>>> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      for (int j = i + 1; j < l.size(); j++) {
        out.add(KV.of(l.get(i).backend() + "|" + l.get(j).backend(), List.of(l.get(i), l.get(j))));
      }
    }
    return out;
  }
}
