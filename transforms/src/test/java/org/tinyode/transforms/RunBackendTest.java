package org.tinyode.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.tinyode.transforms.backend.BackendSpec;
import org.tinyode.transforms.backend.SharedBackends;

class RunBackendTest {
  static final BackendSpec GOLDEN = new BackendSpec("golden", "random:cifar10-ode", "", "", 15, "modeled", "/sys",
      false);

  @Test
  void answersGoodExamplesAndDeadLettersOneTheModelCannotTake() {
    byte[] img = new byte[32 * 32 * 3];
    for (int i = 0; i < img.length; i++) {
      img[i] = (byte) (i * 7);
    }
    ExampleBatch batch = new ExampleBatch(new BatchRef(0, 0, List.of(0, 1)), List.of(
        new DecodedExample("d/test/0", 0, 0, 3, 32, 32, img),
        new DecodedExample("d/test/1", 0, 1, 3, 8, 8, new byte[8 * 8 * 3])));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    Outcome<ExampleResult> out = p.apply(Create.of(batch)).apply(RunBackend.of(GOLDEN));
    PAssert.that(out.output()).satisfies(rs -> {
      List<ExampleResult> l = StreamSupport.stream(rs.spliterator(), false).toList();
      assertEquals(1, l.size());
      ExampleResult r = l.get(0);
      assertEquals("d/test/0", r.exampleId());
      assertEquals(10, r.logits().length);
      assertEquals(List.of("stem", "ode1", "trans1", "ode2", "trans2", "mhsa", "head"),
          r.stages().stream().map(StageMeasure::stage).toList());
      assertEquals(5, r.fabricStageSha256().size());
      assertTrue(r.stages().stream().allMatch(s -> s.energyProvenance().equals("modeled:cpu-core-15W")));
      return null;
    });
    PAssert.that(out.deadLetters()).satisfies(ds -> {
      List<DeadLetter> l = StreamSupport.stream(ds.spliterator(), false).toList();
      assertEquals(1, l.size());
      assertEquals("d/test/1", l.get(0).exampleId());
      assertEquals(DeadLetter.BACKEND, l.get(0).step());
      assertEquals("golden", l.get(0).backend());
      return null;
    });
    long before = LocalProgress.snapshot().getOrDefault("golden", 0L);
    p.run().waitUntilFinish();
    assertEquals(0, SharedBackends.loadedCount(), "released in @Teardown");
    assertEquals(before + 2, LocalProgress.snapshot().get("golden"), "both examples counted as answered");
  }
}
