package org.tinyode.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare of all three backends on the bundled sample, DirectRunner, embedded emulated boards. */
class ComparePipelineTest {
  @TempDir Path tmp;

  @Test
  void allThreeBackendsJoinPerExampleWithZeroGoldenFpgaMismatches() throws Exception {
    PipelineOptionsFactory.register(CompareOptions.class);
    CompareOptions o = PipelineOptionsFactory.fromArgs("--dataset=" + EvaluatePipelineTest.SAMPLE,
        "--model=" + EvaluatePipelineTest.RANDOM, "--floatModel=" + EvaluatePipelineTest.RANDOM,
        "--output=" + tmp.resolve("run"), "--progressSeconds=0", "--limit=6", "--classes=bird,horse",
        "--batchSize=4", "--bootstrapReplicates=50").withValidation().as(CompareOptions.class);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    RunReport r = ComparePipeline.run(o, new PrintStream(console, true, StandardCharsets.UTF_8));
    String text = console.toString(StandardCharsets.UTF_8);
    assertTrue(r.validity().valid(), r.validity() + "\n" + text);
    assertTrue(text.contains("golden vs fpga: 6 of 6 examples bit-exact, 0 mismatches"), text);
    for (String b : List.of("software", "golden", "fpga")) {
      assertEquals(6, r.summaryOf(b).examplesAnswered(), b);
    }
    List<GenericRecord> div = ParquetRows.read(r.output(), "divergence-");
    assertEquals(6, div.size());
    assertTrue(div.stream().allMatch(g -> (Boolean) g.get("exact_match")));
    assertTrue(Files.exists(r.output().resolve("agreement.arrow")));
    assertTrue(Files.exists(r.output().resolve("paper_table.parquet")));
    List<GenericRecord> paper = ParquetRows.read(r.output(), "paper_table.parquet");
    assertEquals(14, paper.size(), "7 host-software + 7 cortex-a53 rows");
    for (GenericRecord g : paper) {
      if (g.get("baseline").toString().equals("cortex-a53")) {
        assertEquals("modeled:zcu104", g.get("software_provenance").toString(), "A53 side modeled: " + g);
        assertTrue(g.get("speedup_provenance").toString().startsWith("modeled:ratio("), g.toString());
        assertTrue((Double) g.get("speedup") > 0, g.toString());
      }
    }
    assertEquals(3 * 6, ParquetRows.read(r.output(), "predictions-").size());
    assertTrue(r.aggregates().latency().stream().anyMatch(l -> l.backend().equals("fpga")
        && l.stage().equals("ode1") && l.provenance().startsWith("modeled:")), "fabric stages are modeled");
  }
}
