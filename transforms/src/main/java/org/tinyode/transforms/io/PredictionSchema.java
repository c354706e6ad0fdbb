package org.tinyode.transforms.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.tinyode.transforms.DeadLetter;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.StageMeasure;

/** Schemas of the per-example tables {@code predictions} and {@code dead_letters} (results/SCHEMA.md). */
public final class PredictionSchema {
  private PredictionSchema() {}

  public static final Schema STAGE = SchemaBuilder.record("stage").namespace("org.tinyode.results").fields()
      .requiredString("stage").requiredString("device")
      .requiredLong("latency_ns").requiredString("latency_provenance")
      .requiredDouble("energy_j").requiredString("energy_provenance")
      .endRecord();

  public static final Schema PREDICTIONS = SchemaBuilder.record("prediction").namespace("org.tinyode.results")
      .fields()
      .requiredString("example_id").requiredInt("shard").requiredInt("example_index")
      .requiredInt("label").requiredString("label_name")
      .requiredString("backend").requiredInt("top1").requiredString("top1_name").requiredBoolean("correct")
      .name("logits").type().array().items().floatType().noDefault()
      .name("stages").type().array().items(STAGE).noDefault()
      .requiredLong("latency_total_ns").requiredDouble("energy_total_j")
      .requiredString("worker").requiredString("model_sha256").requiredString("fabric_output_sha256")
      .endRecord();

  public static final Schema DEAD_LETTERS = SchemaBuilder.record("dead_letter").namespace("org.tinyode.results")
      .fields()
      .requiredString("example_id").requiredInt("shard").requiredInt("example_index")
      .requiredString("backend").requiredString("step").requiredString("reason")
      .endRecord();

  public static GenericRecord prediction(ExampleResult r, List<String> classNames) {
    GenericData.Record g = new GenericData.Record(PREDICTIONS);
    g.put("example_id", r.exampleId());
    g.put("shard", r.shard());
    g.put("example_index", r.index());
    g.put("label", r.label());
    g.put("label_name", name(classNames, r.label()));
    g.put("backend", r.backend());
    g.put("top1", r.top1());
    g.put("top1_name", name(classNames, r.top1()));
    g.put("correct", r.correct());
    List<Float> logits = new ArrayList<>(r.logits().length);
    for (float f : r.logits()) {
      logits.add(f);
    }
    g.put("logits", logits);
    List<GenericRecord> stages = new ArrayList<>();
    for (StageMeasure s : r.stages()) {
      GenericData.Record st = new GenericData.Record(STAGE);
      st.put("stage", s.stage());
      st.put("device", s.device());
      st.put("latency_ns", s.latencyNs());
      st.put("latency_provenance", s.latencyProvenance());
      st.put("energy_j", s.energyJ());
      st.put("energy_provenance", s.energyProvenance());
      stages.add(st);
    }
    g.put("stages", stages);
    g.put("latency_total_ns", r.totalLatencyNs());
    g.put("energy_total_j", r.totalEnergyJ());
    g.put("worker", r.worker());
    g.put("model_sha256", r.modelSha256());
    g.put("fabric_output_sha256", r.fabricOutputSha256());
    return g;
  }

  public static GenericRecord deadLetter(DeadLetter d) {
    GenericData.Record g = new GenericData.Record(DEAD_LETTERS);
    g.put("example_id", d.exampleId());
    g.put("shard", d.shard());
    g.put("example_index", d.index());
    g.put("backend", d.backend());
    g.put("step", d.step());
    g.put("reason", d.reason());
    return g;
  }

  private static String name(List<String> names, int c) {
    return c >= 0 && c < names.size() ? names.get(c) : "";
  }
}
