package org.tinyode.model.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsFile;
import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.quant.IntSoftmax;
import org.tinyode.model.spec.FeatureShape;

class MhsaStageTest {
  /** 2x2 map, 2 channels, 1 head of dim 2, identity projections, every format 0 (all shifts 0 except attn's 8). */
  @Test
  void relativePositionsOnA2x2Map() {
    ConvGeometry g = ConvGeometry.of(2, 2, 2, 1, 1, 0);
    byte[] id = {1, 0, 0, 1};
    QConv q = new QConv("m.q", id, new byte[2], new int[2], 2, g, 0, 0, false);
    QConv k = new QConv("m.k", id, new byte[2], new int[2], 2, g, 0, 0, false);
    QConv v = new QConv("m.v", id, new byte[2], new int[2], 2, g, 0, 0, false);
    QConv p = new QConv("m.proj", id, new byte[2], new int[2], 2, g, 0, 0, false);
    // R_h[dy + 1] = (10, 0), (20, 0), (30, 0); R_w[dx + 1] = (0, 1), (0, 2), (0, 3)
    byte[] rh = {10, 0, 20, 0, 30, 0};
    byte[] rw = {0, 1, 0, 2, 0, 3};
    MhsaStage m = new MhsaStage("m", new FeatureShape(2, 2, 2), 1, 2, q, k, v, p, rh, rw, 0, 0, 0, 0, 0, 0, 0);
    // positions i = y*2 + x; channel 0 = (1, 2, 3, 4), channel 1 = (0, 1, 0, -1)
    float[] x = {1, 2, 3, 4, 0, 1, 0, -1};
    float[] y = new float[8];
    TapCollector taps = new TapCollector();
    m.run(x, y, new Scratch(), taps);
    int[] logits = taps.values("m.logits");
    // i = 0 (0,0), j = 3 (1,1): dy = +1 -> R_h[2] = (30,0); dx = +1 -> R_w[2] = (0,3); q = (1,0), k = (4,-1)
    //   L = 1*(4+30) + 0*(-1+3) = 34
    assertEquals(34, logits[0 * 4 + 3]);
    // i = 3 (1,1), j = 0 (0,0): r = R_h[0] + R_w[0] = (10, 1); q = (4,-1), k = (1,0): 4*11 - 1*1 = 43
    assertEquals(43, logits[3 * 4 + 0]);
    // i = 1 (0,1), j = 2 (1,0): dy = +1 -> (30,0), dx = -1 -> (0,1); q = (2,1), k = (3,0): 2*33 + 1*1 = 67
    assertEquals(67, logits[1 * 4 + 2]);
    // i = 0, j = 0: r = R_h[1] + R_w[1] = (20, 2); q = (1,0), k = (1,0): 21
    assertEquals(21, logits[0]);
    // probabilities and attention output follow the formulas row by row
    int[] probs = taps.values("m.probs");
    int[] attn = taps.values("m.attn");
    for (int i = 0; i < 4; i++) {
      int[] row = IntSoftmax.row(Arrays.copyOfRange(logits, i * 4, i * 4 + 4), 0);
      assertArrayEquals(row, Arrays.copyOfRange(probs, i * 4, i * 4 + 4), "row " + i);
      for (int c = 0; c < 2; c++) {
        long s = 0;
        for (int j = 0; j < 4; j++) {
          s += (long) row[j] * (int) x[c * 4 + j];
        }
        assertEquals(FixedPoint.sat8(FixedPoint.rshift(s, 8)), attn[c * 4 + i], "attn c" + c + " i" + i);
        // residual with identity projection: y = x + attn
        assertEquals(FixedPoint.sat8((int) x[c * 4 + i] + attn[c * 4 + i]), (int) y[c * 4 + i]);
      }
    }
  }

  /**
   * Calibrated formats (realistic, unlike the all-4 default formats) give a spread-out softmax; the whole FPGA part,
   * MHSA included, must still equal the literal transcription on both presets.
   */
  @Test
  void calibratedModelsWithNonTrivialSoftmaxMatchTheTranscription() {
    for (String preset : List.of("cifar10-ode", "paper-stl10")) {
      ModelSpec spec = ModelSpec.preset(preset);
      WeightsFile fw = RandomWeights.floatWeights(spec, 41);
      WeightsFile q = Quantizer.quantize(fw, Calibrator.fracs(fw, GoldenModelTest.images(spec, 2, 300)),
          "Calibrator, 2 random images");
      GoldenModel m = GoldenModel.of(q);
      for (byte[] img : GoldenModelTest.images(spec, 2, 301)) {
        byte[] stem = m.stemOut(img);
        TapCollector taps = new TapCollector();
        int[] got = GoldenModelTest.ints(m.runFpga(stem, taps));
        assertArrayEquals(NaiveReference.fpga(q, GoldenModelTest.ints(stem)), got, preset);
        Set<Integer> probs = new HashSet<>();
        for (int p : taps.values("mhsa.probs")) {
          probs.add(p);
        }
        assertTrue(probs.size() > 10, preset + ": softmax degenerate, " + probs.size() + " distinct probabilities");
      }
    }
  }
}
