package org.tinyode.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.tinyode.transforms.io.CompareSchema;
import org.tinyode.transforms.io.SummarySchema;
import org.tinyode.transforms.io.TableFiles;

/**
 * A hand-made compare run folder (golden + fpga, two classes, four examples) written with the pipeline's own table
 * writers: golden gets 3 of 4 right (75 %), fpga 2 of 4 (50 %); fpga's fabric stage is modeled; one example
 * diverges, so the run is INVALID.
 */
final class RunFixture {
  private RunFixture() {}

  static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    TableFiles.write(dir, "summary", SummarySchema.SUMMARY, List.of(
        summary("golden", 3, 0.75, 0.5, 1.0, 0.02, "modeled:cpu-core-15W"),
        summary("fpga", 2, 0.5, 0.25, 0.75, 0.001, "modeled:zcu104")));
    List<GenericRecord> perClass = new ArrayList<>();
    List<GenericRecord> confusion = new ArrayList<>();
    long[][][] m = {{{2, 0}, {1, 1}}, {{1, 1}, {1, 1}}};
    String[] backends = {"golden", "fpga"};
    String[] names = {"cat", "dog"};
    for (int b = 0; b < 2; b++) {
      for (int t = 0; t < 2; t++) {
        perClass.add(rec(SummarySchema.PER_CLASS, "backend", backends[b], "class_id", t, "class_name", names[t],
            "support", 2L, "correct", m[b][t][t], "accuracy", m[b][t][t] / 2.0));
        for (int p = 0; p < 2; p++) {
          confusion.add(rec(SummarySchema.CONFUSION, "backend", backends[b], "true_class", t, "true_name", names[t],
              "predicted_class", p, "predicted_name", names[p], "count", m[b][t][p]));
        }
      }
    }
    TableFiles.write(dir, "per_class", SummarySchema.PER_CLASS, perClass);
    TableFiles.write(dir, "confusion", SummarySchema.CONFUSION, confusion);
    TableFiles.write(dir, "latency", SummarySchema.LATENCY, List.of(
        latency("golden", "stem", 1_000_000, 2_000_000, "measured:host-cpu-nanotime"),
        latency("golden", "ode1", 5_000_000, 9_000_000, "measured:host-cpu-nanotime"),
        latency("golden", "total", 6_000_000, 11_000_000, "measured:host-cpu-nanotime"),
        latency("fpga", "stem", 1_000_000, 1_500_000, "measured:host-cpu-nanotime"),
        latency("fpga", "ode1", 300_000, 300_000, "modeled:zcu104"),
        latency("fpga", "total", 1_300_000, 1_800_000, "measured:host-cpu-nanotime;modeled:zcu104")));
    TableFiles.write(dir, "energy", SummarySchema.ENERGY, List.of(
        energy("golden", "stem", 0.005, "modeled:cpu-core-15W"), energy("golden", "ode1", 0.015, "modeled:cpu-core-15W"),
        energy("golden", "total", 0.02, "modeled:cpu-core-15W"), energy("fpga", "stem", 0.0008, "measured:rapl:package-0"),
        energy("fpga", "ode1", 0.0002, "modeled:zcu104"), energy("fpga", "total", 0.001,
            "measured:rapl:package-0;modeled:zcu104")));
    TableFiles.write(dir, "agreement", CompareSchema.AGREEMENT, List.of(rec(CompareSchema.AGREEMENT,
        "backend_a", "fpga", "backend_b", "golden", "examples", 4L, "agree", 3L, "agreement", 0.75, "both_right", 2L,
        "only_a_right", 0L, "only_b_right", 1L, "both_wrong", 1L, "mcnemar_exact_p", 1.0, "flips", 1L,
        "flip_ids_first_100", "fixture/test/3")));
    TableFiles.writeParquet(dir.resolve("divergence-00000-of-00001.parquet"), CompareSchema.DIVERGENCE, List.of(
        divergence("fixture/test/0", true, 0, 0), divergence("fixture/test/1", true, 0, 0),
        divergence("fixture/test/2", true, 0, 0), divergence("fixture/test/3", false, 7, 3)));
    Files.writeString(dir.resolve("validity.json"), "{\"status\":\"INVALID\",\"reasons\":[\"1 of 4 examples differ"
        + " between golden and fpga (see divergence)\"],\"warnings\":[\"golden: model <random> is untrained\"]}");
    Files.writeString(dir.resolve("run_manifest.json"), "{\"command\":\"compare\",\"dataset\":\"fixture\","
        + "\"selectedExamples\":4,\"batches\":1,\"options\":{\"split\":\"test\"},\"versions\":{\"runner\":"
        + "\"DirectRunner\"},\"backends\":[{\"backend\":\"golden\",\"model\":\"m.safetensors\",\"model_sha256\":"
        + "\"abc\",\"energy\":\"modeled:cpu-core-15W\"},{\"backend\":\"fpga\",\"model\":\"m.safetensors\","
        + "\"model_sha256\":\"abc\",\"energy\":\"modeled:zcu104\"}]}");
    return dir;
  }

  private static GenericRecord summary(String b, long correct, double acc, double lo, double hi, double j,
      String prov) {
    return rec(SummarySchema.SUMMARY, "backend", b, "examples_selected", 4L, "examples_answered", 4L, "failures", 0L,
        "correct", correct, "accuracy", acc, "accuracy_ci95_low", lo, "accuracy_ci95_high", hi, "ci_method",
        "poisson-bootstrap percentile, 100 replicates, seed 1", "macro_accuracy", acc, "wall_seconds", 2.0,
        "throughput_per_s", 2.0, "throughput_provenance", "measured:pipeline-wall-clock", "mean_energy_j", j,
        "energy_provenance", prov, "model_sha256", "abc");
  }

  private static GenericRecord latency(String b, String stage, long p50, long p99, String prov) {
    return rec(SummarySchema.LATENCY, "backend", b, "stage", stage, "count", 4L, "p50_ns", p50, "p90_ns", p99,
        "p99_ns", p99, "p999_ns", p99, "mean_ns", (double) p50, "max_ns", p99, "provenance", prov);
  }

  private static GenericRecord energy(String b, String stage, double j, String prov) {
    return rec(SummarySchema.ENERGY, "backend", b, "stage", stage, "count", 4L, "mean_j", j, "total_j", 4 * j,
        "provenance", prov);
  }

  private static GenericRecord divergence(String id, boolean exact, long elements, int lsb) {
    return rec(CompareSchema.DIVERGENCE, "example_id", id, "shard", 0, "exact_match", exact, "mismatching_elements",
        elements, "max_abs_delta_lsb", lsb, "first_diverging_stage", exact ? "" : "fabric_output", "top1_equal", exact,
        "max_abs_logit_delta", exact ? 0.0 : 0.5);
  }

  private static GenericRecord rec(Schema s, Object... kv) {
    GenericData.Record g = new GenericData.Record(s);
    for (int i = 0; i < kv.length; i += 2) {
      g.put((String) kv[i], kv[i + 1]);
    }
    return g;
  }
}
