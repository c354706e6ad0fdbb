package org.tinyode.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same evaluate on embedded Flink ({@code --flinkMaster=[local]}) and DirectRunner: identical predictions. */
class FlinkRunnerTest {
  @TempDir Path tmp;

  @Test
  void flinkLocalGivesTheSamePredictionsAsDirectRunner() throws Exception {
    RunReport direct = EvaluatePipelineTest.run(EvaluatePipelineTest.options(tmp.resolve("direct"), "--limit=10",
        "--shards=2", "--batchSize=4"));
    RunReport flink = EvaluatePipelineTest.run(EvaluatePipelineTest.options(tmp.resolve("flink"), "--limit=10",
        "--shards=2", "--batchSize=4", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    Map<String, Integer> a = EvaluatePipelineTest.top1ById(direct.output());
    assertEquals(10, a.size());
    assertEquals(a, EvaluatePipelineTest.top1ById(flink.output()));
    assertEquals(direct.summaryOf("golden").accuracy().ciLow(), flink.summaryOf("golden").accuracy().ciLow());
    assertTrue(flink.validity().valid(), flink.validity().toString());
  }
}
