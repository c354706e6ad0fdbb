package org.tinyode.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyode.transforms.io.SummarySchema.SummaryRow;

/** End-to-end evaluate runs on the bundled CIFAR-10 sample (DirectRunner unless stated). */
class EvaluatePipelineTest {
  static final String RANDOM = "random:cifar10-ode";
  static final Path SAMPLE = Path.of(System.getProperty("tinyode.root", "..")).resolve("samples/cifar10");

  @TempDir Path tmp;

  static EvaluateOptions options(Path out, String... extra) {
    String[] base = {"--dataset=" + SAMPLE, "--model=" + RANDOM, "--output=" + out, "--progressSeconds=0",
        "--bootstrapReplicates=50"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    PipelineOptionsFactory.register(EvaluateOptions.class);
    return PipelineOptionsFactory.fromArgs(all).withValidation().as(EvaluateOptions.class);
  }

  static RunReport run(EvaluateOptions o) throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RunReport r = EvaluatePipeline.run(o, new PrintStream(console, true, StandardCharsets.UTF_8));
    assertTrue(console.toString(StandardCharsets.UTF_8).contains("== validity"), console.toString());
    return r;
  }

  /** example id → top1 of every prediction row. */
  static Map<String, Integer> top1ById(Path dir) throws Exception {
    Map<String, Integer> m = new TreeMap<>();
    for (GenericRecord g : ParquetRows.read(dir, "predictions-")) {
      m.put(g.get("backend") + "|" + g.get("example_id"), (Integer) g.get("top1"));
    }
    return m;
  }

  @Test
  void goldenOnTheSampleWritesEveryTableAndIsValid() throws Exception {
    RunReport r = run(options(tmp.resolve("run"), "--limit=12", "--classes=cat,ship,frog", "--batchSize=5"));
    SummaryRow s = r.summaryOf("golden");
    assertEquals(12, s.examplesSelected());
    assertEquals(12, s.examplesAnswered());
    assertEquals(0, s.failures());
    assertTrue(r.validity().valid(), r.validity().toString());
    assertFalse(r.validity().warnings().isEmpty(), "random weights must be flagged");
    for (String f : List.of("summary.parquet", "summary.arrow", "per_class.parquet", "confusion.arrow",
        "latency.parquet", "energy.arrow", "run_manifest.json", "validity.json", "shard_manifest.json",
        "dead_letters-00000-of-00001.parquet")) {
      assertTrue(Files.exists(r.output().resolve(f)), f);
    }
    List<GenericRecord> preds = ParquetRows.read(r.output(), "predictions-");
    assertEquals(12, preds.size());
    long correct = preds.stream().filter(g -> (Boolean) g.get("correct")).count();
    assertEquals(correct, r.summaryOf("golden").accuracy().correct());
    GenericRecord one = preds.get(0);
    assertEquals(10, ((List<?>) one.get("logits")).size());
    assertEquals(7, ((List<?>) one.get("stages")).size(), "stem, ode1, trans1, ode2, trans2, mhsa, head");
    String manifest = Files.readString(r.output().resolve("run_manifest.json"));
    assertTrue(manifest.contains("\"shardManifestSha256\""), manifest);
    assertTrue(manifest.contains("\"model_sha256\""), manifest);
    assertTrue(r.aggregates().latency().stream().allMatch(l -> l.provenance().startsWith("measured:")));
    assertTrue(r.aggregates().energy().stream().allMatch(e -> e.provenance().startsWith("modeled:cpu-core-")
        || e.provenance().startsWith("measured:rapl")));
  }

  @Test
  void softwareBackendRunsTheFloatModel() throws Exception {
    EvaluateOptions o = options(tmp.resolve("sw"), "--limit=4", "--backend=software", "--floatModel=" + RANDOM);
    RunReport r = run(o);
    assertEquals(4, r.summaryOf("software").examplesAnswered());
    assertTrue(r.aggregates().latency().stream().allMatch(l -> l.provenance().contains("batch-share")));
  }

  @Test
  void fpgaBackendRunsOnEmbeddedBoards() throws Exception {
    RunReport r = run(options(tmp.resolve("fpga"), "--limit=4", "--backend=fpga", "--boards=embedded:2"));
    assertEquals(4, r.summaryOf("fpga").examplesAnswered());
    assertTrue(r.validity().valid(), r.validity().toString());
    String manifest = Files.readString(r.output().resolve("run_manifest.json"));
    assertTrue(manifest.contains("\"boards\"") && manifest.contains("emulated"), manifest);
  }

  @Test
  void oneAndFourShardsGiveIdenticalPredictions() throws Exception {
    RunReport one = run(options(tmp.resolve("one"), "--limit=12", "--shards=1", "--batchSize=5"));
    RunReport four = run(options(tmp.resolve("four"), "--limit=12", "--shards=4", "--batchSize=5"));
    Map<String, Integer> a = top1ById(one.output());
    assertEquals(12, a.size());
    assertEquals(a, top1ById(four.output()));
    assertEquals(one.summaryOf("golden").accuracy().accuracy(), four.summaryOf("golden").accuracy().accuracy());
    assertEquals(one.summaryOf("golden").accuracy().ciLow(), four.summaryOf("golden").accuracy().ciLow(),
        "the seeded Poisson bootstrap does not depend on sharding");
  }

  @Test
  void aCorruptImageIsDeadLetteredAndTheRunSaysSo() throws Exception {
    Path data = tmp.resolve("data");
    for (String c : List.of("cat", "dog")) {
      Files.createDirectories(data.resolve("test").resolve(c));
      for (int i = 0; i < 3; i++) {
        String n = String.format("%04d.jpg", i);
        Files.copy(SAMPLE.resolve("test").resolve(c).resolve(n), data.resolve("test").resolve(c).resolve(n));
      }
    }
    Files.write(data.resolve("test/dog/0003.jpg"), new byte[] {1, 2, 3, 4, 5});
    EvaluateOptions o = options(tmp.resolve("run"));
    o.setDataset(data.toString());
    RunReport r = run(o);
    SummaryRow s = r.summaryOf("golden");
    assertEquals(7, s.examplesSelected());
    assertEquals(6, s.examplesAnswered());
    assertEquals(1, s.failures());
    assertEquals(s.examplesSelected(), s.examplesAnswered() + s.failures(), "counts add up");
    assertFalse(r.validity().valid());
    assertTrue(r.validity().reasons().get(0).contains("1 of 7 examples failed"), r.validity().reasons().toString());
    List<GenericRecord> dead = ParquetRows.read(r.output(), "dead_letters-");
    assertEquals(1, dead.size());
    assertEquals("decode", dead.get(0).get("step").toString());
    assertTrue(dead.get(0).get("reason").toString().contains("0003.jpg"), dead.get(0).get("reason").toString());
  }

  @Test
  void aFailureRateUnderTheThresholdKeepsTheRunValid() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data.resolve("test/cat"));
    Files.copy(SAMPLE.resolve("test/cat/0000.jpg"), data.resolve("test/cat/0000.jpg"));
    Files.write(data.resolve("test/cat/0001.jpg"), new byte[] {9});
    EvaluateOptions o = options(tmp.resolve("run"), "--maxFailureRate=0.5");
    o.setDataset(data.toString());
    RunReport r = run(o);
    assertEquals(1, r.summaryOf("golden").failures());
    assertTrue(r.validity().valid(), r.validity().toString());
  }

  @Test
  void aNonEmptyOutputFolderIsRefused() throws Exception {
    Files.createDirectories(tmp.resolve("used"));
    Files.writeString(tmp.resolve("used/x"), "x");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> run(options(tmp.resolve("used"), "--limit=1")));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
  }
}
