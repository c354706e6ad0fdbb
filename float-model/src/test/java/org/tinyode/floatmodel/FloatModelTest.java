package org.tinyode.floatmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tinyode.datasets.Example;
import org.tinyode.model.weights.RandomWeights;

class FloatModelTest {

  private static List<Example> images(int n) {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] rgb = new byte[32 * 32 * 3];
      for (int p = 0; p < rgb.length; p++) {
        rgb[p] = (byte) (p * 7 + i * 31);
      }
      out.add(new Example("t/test/" + i, i, -1, 32, 32, rgb));
    }
    return out;
  }

  @Test
  void concurrentPredictionsEqualSequentialOnes() throws Exception {
    try (FloatModel m = FloatModel.of(RandomWeights.floatWeights(TestSpecs.tiny(), 5))) {
      List<Example> batch = images(6);
      List<Prediction> want = m.predict(batch);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<List<Prediction>>> fs = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          fs.add(pool.submit(() -> m.predict(batch)));
        }
        for (Future<List<Prediction>> f : fs) {
          List<Prediction> got = f.get();
          for (int i = 0; i < batch.size(); i++) {
            assertArrayEquals(want.get(i).logits(), got.get(i).logits(), 0f);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void stageOutputsAndTimingsAreReportedPerStage() {
    try (FloatModel m = FloatModel.of(RandomWeights.floatWeights(TestSpecs.tiny(), 5))) {
      Prediction p = m.predict(images(2), true).get(1);
      assertEquals("t/test/1", p.id());
      assertEquals(8 * 16 * 16, p.stageOutputs().get("stem").length);
      assertEquals(16 * 8 * 8, p.stageOutputs().get("mhsa").length);
      assertArrayEquals(p.logits(), p.stageOutputs().get("head"), 0f);
      assertEquals(2, p.batchSize());
      assertTrue(p.stageNanos().values().stream().allMatch(v -> v > 0));
      int best = 0;
      for (int c = 1; c < 10; c++) {
        best = p.logits()[c] > p.logits()[best] ? c : best;
      }
      assertEquals(best, p.top1());
    }
  }

  @Test
  void rejectsImagesOfTheWrongSize() {
    try (FloatModel m = FloatModel.of(RandomWeights.floatWeights(TestSpecs.tiny(), 5))) {
      Example small = new Example("s", 0, -1, 8, 8, new byte[8 * 8 * 3]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.predict(List.of(small)));
      assertTrue(e.getMessage().contains("needs 32x32"), e.getMessage());
    }
  }
}
