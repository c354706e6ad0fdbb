package org.tinyode.transforms;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;

class SpreadBatchesTest {
  @Test
  void everyBatchComesOutExactlyOnce() {
    List<BatchRef> in = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      for (int b = 0; b < 5; b++) {
        in.add(new BatchRef(s, b, List.of(s * 100 + b)));
      }
    }
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PAssert.that(p.apply(Create.of(in)).apply(SpreadBatches.over(4))).containsInAnyOrder(in);
    p.run().waitUntilFinish();
  }

  @Test
  void zeroGroupsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SpreadBatches.over(0));
  }
}
