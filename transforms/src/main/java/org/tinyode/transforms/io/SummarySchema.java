package org.tinyode.transforms.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.tinyode.transforms.stats.AccuracySummary;
import org.tinyode.transforms.stats.EnergyRow;
import org.tinyode.transforms.stats.LatencyRow;

/** Schemas and rows of the summary tables (flat; results/SCHEMA.md): summary, per_class, confusion, latency, energy. */
public final class SummarySchema {
  private SummarySchema() {}

  private static final String NS = "org.tinyode.results";

  public static final Schema SUMMARY = SchemaBuilder.record("summary").namespace(NS).fields()
      .requiredString("backend").requiredLong("examples_selected").requiredLong("examples_answered")
      .requiredLong("failures").requiredLong("correct").requiredDouble("accuracy")
      .requiredDouble("accuracy_ci95_low").requiredDouble("accuracy_ci95_high").requiredString("ci_method")
      .requiredDouble("macro_accuracy").requiredDouble("wall_seconds").requiredDouble("throughput_per_s")
      .requiredString("throughput_provenance").requiredDouble("mean_energy_j").requiredString("energy_provenance")
      .requiredString("model_sha256")
      .endRecord();

  public static final Schema PER_CLASS = SchemaBuilder.record("per_class").namespace(NS).fields()
      .requiredString("backend").requiredInt("class_id").requiredString("class_name").requiredLong("support")
      .requiredLong("correct").requiredDouble("accuracy")
      .endRecord();

  public static final Schema CONFUSION = SchemaBuilder.record("confusion").namespace(NS).fields()
      .requiredString("backend").requiredInt("true_class").requiredString("true_name").requiredInt("predicted_class")
      .requiredString("predicted_name").requiredLong("count")
      .endRecord();

  public static final Schema LATENCY = SchemaBuilder.record("latency").namespace(NS).fields()
      .requiredString("backend").requiredString("stage").requiredLong("count").requiredLong("p50_ns")
      .requiredLong("p90_ns").requiredLong("p99_ns").requiredLong("p999_ns").requiredDouble("mean_ns")
      .requiredLong("max_ns").requiredString("provenance")
      .endRecord();

  public static final Schema ENERGY = SchemaBuilder.record("energy").namespace(NS).fields()
      .requiredString("backend").requiredString("stage").requiredLong("count").requiredDouble("mean_j")
      .requiredDouble("total_j").requiredString("provenance")
      .endRecord();

  /** One summary row: the figures the driver has after the run. */
  public record SummaryRow(String backend, long examplesSelected, long examplesAnswered, long failures,
      AccuracySummary accuracy, double wallSeconds, String throughputProvenance, double meanEnergyJ,
      String energyProvenance, String modelSha256) {
    public double throughput() {
      return wallSeconds > 0 ? examplesAnswered / wallSeconds : Double.NaN;
    }
  }

  public static GenericRecord summary(SummaryRow s) {
    GenericData.Record g = new GenericData.Record(SUMMARY);
    AccuracySummary a = s.accuracy();
    g.put("backend", s.backend());
    g.put("examples_selected", s.examplesSelected());
    g.put("examples_answered", s.examplesAnswered());
    g.put("failures", s.failures());
    g.put("correct", a == null ? 0L : a.correct());
    g.put("accuracy", a == null ? Double.NaN : a.accuracy());
    g.put("accuracy_ci95_low", a == null ? Double.NaN : a.ciLow());
    g.put("accuracy_ci95_high", a == null ? Double.NaN : a.ciHigh());
    g.put("ci_method", a == null ? "" : "poisson-bootstrap percentile, " + a.replicates() + " replicates, seed "
        + a.seed());
    g.put("macro_accuracy", a == null ? Double.NaN : a.macroAccuracy());
    g.put("wall_seconds", s.wallSeconds());
    g.put("throughput_per_s", s.throughput());
    g.put("throughput_provenance", s.throughputProvenance());
    g.put("mean_energy_j", s.meanEnergyJ());
    g.put("energy_provenance", s.energyProvenance());
    g.put("model_sha256", s.modelSha256());
    return g;
  }

  public static List<GenericRecord> perClass(AccuracySummary a) {
    List<GenericRecord> out = new ArrayList<>();
    for (int c = 0; c < a.classNames().size(); c++) {
      long support = a.support(c);
      GenericData.Record g = new GenericData.Record(PER_CLASS);
      g.put("backend", a.backend());
      g.put("class_id", c);
      g.put("class_name", a.classNames().get(c));
      g.put("support", support);
      g.put("correct", a.confusion()[c][c]);
      g.put("accuracy", support == 0 ? Double.NaN : (double) a.confusion()[c][c] / support);
      out.add(g);
    }
    return out;
  }

  public static List<GenericRecord> confusion(AccuracySummary a) {
    List<GenericRecord> out = new ArrayList<>();
    List<String> n = a.classNames();
    for (int t = 0; t < n.size(); t++) {
      for (int p = 0; p < n.size(); p++) {
        GenericData.Record g = new GenericData.Record(CONFUSION);
        g.put("backend", a.backend());
        g.put("true_class", t);
        g.put("true_name", n.get(t));
        g.put("predicted_class", p);
        g.put("predicted_name", n.get(p));
        g.put("count", a.confusion()[t][p]);
        out.add(g);
      }
    }
    return out;
  }

  public static GenericRecord latency(LatencyRow r) {
    GenericData.Record g = new GenericData.Record(LATENCY);
    g.put("backend", r.backend());
    g.put("stage", r.stage());
    g.put("count", r.count());
    g.put("p50_ns", r.p50Ns());
    g.put("p90_ns", r.p90Ns());
    g.put("p99_ns", r.p99Ns());
    g.put("p999_ns", r.p999Ns());
    g.put("mean_ns", r.meanNs());
    g.put("max_ns", r.maxNs());
    g.put("provenance", r.provenance());
    return g;
  }

  public static GenericRecord energy(EnergyRow r) {
    GenericData.Record g = new GenericData.Record(ENERGY);
    g.put("backend", r.backend());
    g.put("stage", r.stage());
    g.put("count", r.count());
    g.put("mean_j", r.meanJ());
    g.put("total_j", r.totalJ());
    g.put("provenance", r.provenance());
    return g;
  }
}
