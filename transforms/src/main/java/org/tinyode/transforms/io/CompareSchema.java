package org.tinyode.transforms.io;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.tinyode.transforms.stats.AgreementRow;
import org.tinyode.transforms.stats.Divergence;

/** Schemas and rows of compare's tables: agreement, divergence, paper_table (results/SCHEMA.md). */
public final class CompareSchema {
  private CompareSchema() {}

  private static final String NS = "org.tinyode.results";

  public static final Schema AGREEMENT = SchemaBuilder.record("agreement").namespace(NS).fields()
      .requiredString("backend_a").requiredString("backend_b").requiredLong("examples").requiredLong("agree")
      .requiredDouble("agreement").requiredLong("both_right").requiredLong("only_a_right")
      .requiredLong("only_b_right").requiredLong("both_wrong").requiredDouble("mcnemar_exact_p")
      .requiredLong("flips").requiredString("flip_ids_first_100")
      .endRecord();

  public static final Schema DIVERGENCE = SchemaBuilder.record("divergence").namespace(NS).fields()
      .requiredString("example_id").requiredInt("shard").requiredBoolean("exact_match")
      .requiredLong("mismatching_elements").requiredInt("max_abs_delta_lsb").requiredString("first_diverging_stage")
      .requiredBoolean("top1_equal").requiredDouble("max_abs_logit_delta")
      .endRecord();

  /**
   * paper_table: one row per baseline × part. {@code baseline} is {@code host-software} (the software backend
   * measured on the host vs the fpga backend as it ran) or {@code cortex-a53} (the paper's own baseline: the whole
   * model in software on the board's Cortex-A53, modeled from the board profile, vs A53 stem/head + the fabric);
   * {@code paper_speedup}/{@code paper_provenance} hold the paper's published ratio where it publishes one (NaN /
   * "" otherwise).
   */
  public static final Schema PAPER_TABLE = SchemaBuilder.record("paper_table").namespace(NS).fields()
      .requiredString("baseline").requiredString("part").requiredString("stages").requiredString("unit")
      .requiredDouble("software").requiredString("software_provenance").requiredDouble("fpga")
      .requiredString("fpga_provenance").requiredDouble("speedup").requiredString("speedup_provenance")
      .requiredDouble("paper_speedup").requiredString("paper_provenance")
      .endRecord();

  public static GenericRecord agreement(AgreementRow a) {
    GenericData.Record g = new GenericData.Record(AGREEMENT);
    g.put("backend_a", a.backendA());
    g.put("backend_b", a.backendB());
    g.put("examples", a.examples());
    g.put("agree", a.agree());
    g.put("agreement", a.agreement());
    g.put("both_right", a.bothRight());
    g.put("only_a_right", a.onlyA());
    g.put("only_b_right", a.onlyB());
    g.put("both_wrong", a.bothWrong());
    g.put("mcnemar_exact_p", a.mcnemarP());
    g.put("flips", a.flips());
    g.put("flip_ids_first_100", String.join(",", a.flipIds()));
    return g;
  }

  public static GenericRecord divergence(Divergence d) {
    GenericData.Record g = new GenericData.Record(DIVERGENCE);
    g.put("example_id", d.exampleId());
    g.put("shard", d.shard());
    g.put("exact_match", d.exactMatch());
    g.put("mismatching_elements", d.mismatchingElements());
    g.put("max_abs_delta_lsb", d.maxAbsDeltaLsb());
    g.put("first_diverging_stage", d.firstDivergingStage());
    g.put("top1_equal", d.top1Equal());
    g.put("max_abs_logit_delta", d.maxAbsLogitDelta());
    return g;
  }

  /** One paper_table row; {@code paperSpeedup} NaN and {@code paperProv} "" where the paper publishes nothing. */
  public static GenericRecord paperRow(String baseline, String part, String stages, String unit, double sw,
      String swProv, double fpga, String fpgaProv, double speedup, String speedupProv, double paperSpeedup,
      String paperProv) {
    GenericData.Record g = new GenericData.Record(PAPER_TABLE);
    g.put("baseline", baseline);
    g.put("part", part);
    g.put("stages", stages);
    g.put("unit", unit);
    g.put("software", sw);
    g.put("software_provenance", swProv);
    g.put("fpga", fpga);
    g.put("fpga_provenance", fpgaProv);
    g.put("speedup", speedup);
    g.put("speedup_provenance", speedupProv);
    g.put("paper_speedup", paperSpeedup);
    g.put("paper_provenance", paperProv);
    return g;
  }
}
