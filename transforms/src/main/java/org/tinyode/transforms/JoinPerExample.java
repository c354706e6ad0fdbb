package org.tinyode.transforms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Joins the results of several backends per example id: one list per example, sorted by backend name. */
public final class JoinPerExample
    extends PTransform<PCollection<ExampleResult>, PCollection<KV<String, List<ExampleResult>>>> {

  private JoinPerExample() {}

  public static JoinPerExample byExampleId() {
    return new JoinPerExample();
  }

  @Override
  public PCollection<KV<String, List<ExampleResult>>> expand(PCollection<ExampleResult> results) {
    return results
        .apply("KeyById", WithKeys.of(ExampleResult::exampleId).withKeyType(TypeDescriptors.strings()))
        .apply("Group", GroupByKey.create())
        .apply("Sort", MapElements.into(new TypeDescriptor<KV<String, List<ExampleResult>>>() {}).via(kv -> {
          List<ExampleResult> l = new ArrayList<>();
          kv.getValue().forEach(l::add);
          l.sort(Comparator.comparing(ExampleResult::backend));
          return KV.of(kv.getKey(), l);
        }));
  }
}
