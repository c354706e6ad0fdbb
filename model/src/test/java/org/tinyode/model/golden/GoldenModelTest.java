package org.tinyode.model.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

class GoldenModelTest {
  static final ModelSpec CIFAR = ModelSpec.preset("cifar10-ode");
  static final WeightsFile Q = Quantizer.quantize(RandomWeights.floatWeights(CIFAR, 21), Quantizer.defaultFracs(CIFAR));
  static final GoldenModel MODEL = GoldenModel.of(Q);

  static List<byte[]> images(ModelSpec spec, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b = new byte[spec.input().height() * spec.input().width() * 3];
      for (int j = 0; j < b.length; j++) {
        b[j] = (byte) r.nextInt(256);
      }
      out.add(b);
    }
    return out;
  }

  static int[] ints(byte[] b) {
    int[] v = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      v[i] = b[i];
    }
    return v;
  }

  @Test
  void fpgaPartEqualsTheLiteralDocTranscription() {
    for (byte[] img : images(CIFAR, 2, 1)) {
      byte[] stem = MODEL.stemOut(img);
      int[] want = NaiveReference.fpga(Q, ints(stem));
      int[] got = ints(MODEL.runFpga(stem, null));
      assertArrayEquals(want, got);
      Set<Integer> distinct = new HashSet<>();
      for (int v : got) {
        distinct.add(v);
      }
      assertTrue(distinct.size() > 20, "output not degenerate: " + distinct.size() + " distinct values");
    }
  }

  @Test
  void paperPresetAlsoMatches() {
    ModelSpec stl = ModelSpec.preset("paper-stl10");
    WeightsFile q = Quantizer.quantize(RandomWeights.floatWeights(stl, 3), Quantizer.defaultFracs(stl));
    GoldenModel m = GoldenModel.of(q);
    byte[] stem = m.stemOut(images(stl, 1, 2).get(0));
    assertArrayEquals(NaiveReference.fpga(q, ints(stem)), ints(m.runFpga(stem, null)));
  }

  @Test
  void deterministicAcrossRunsBatchesAndThreads() {
    List<byte[]> imgs = images(CIFAR, 6, 7);
    Prediction[] one = MODEL.predictBatch(imgs, 1);
    Prediction[] two = MODEL.predictBatch(imgs, 2);
    for (int i = 0; i < imgs.size(); i++) {
      Prediction single = MODEL.predict(imgs.get(i));
      Prediction again = MODEL.predict(imgs.get(i));
      assertArrayEquals(single.logits(), again.logits());
      assertArrayEquals(single.logits(), one[i].logits());
      assertArrayEquals(single.logits(), two[i].logits());
      assertEquals(single.top1(), two[i].top1());
    }
  }

  @Test
  void outputTapNamesEachStagesFinalTensorAndTheLastOneIsTheFpgaOutput() {
    assertEquals(List.of("ode1.step2", "trans1.out", "ode2.step2", "trans2.out", "mhsa.out"),
        CIFAR.stages().stream().map(GoldenModel::outputTap).toList());
    byte[] img = images(CIFAR, 1, 5).get(0);
    TapCollector taps = new TapCollector();
    MODEL.predict(img, taps);
    CIFAR.stages().forEach(s -> assertTrue(taps.taps().containsKey(GoldenModel.outputTap(s)), s.name()));
    assertArrayEquals(ints(MODEL.runFpga(MODEL.stemOut(img), null)),
        taps.values(GoldenModel.outputTap(CIFAR.stages().get(CIFAR.stages().size() - 1))));
  }

  @Test
  void tapsArePresentAndEqualTheNormalPath() {
    byte[] img = images(CIFAR, 1, 9).get(0);
    TapCollector taps = new TapCollector();
    Prediction withTaps = MODEL.predict(img, taps);
    assertArrayEquals(MODEL.predict(img).logits(), withTaps.logits());
    assertArrayEquals(ints(MODEL.stemOut(img)), taps.values("stem.out"));
    byte[] out = MODEL.runFpga(MODEL.stemOut(img), null);
    assertArrayEquals(ints(out), taps.values("mhsa.out"));
    assertArrayEquals(MODEL.head(out).logits(), withTaps.logits());
    for (String name : List.of("ode1.step1", "ode1.step2", "ode1.step2.act", "ode1.step2.f", "trans1.out",
        "ode2.step2", "trans2.out", "mhsa.q", "mhsa.k", "mhsa.v", "mhsa.logits", "mhsa.probs", "mhsa.attn",
        "mhsa.proj")) {
      assertTrue(taps.taps().containsKey(name), name);
    }
    assertArrayEquals(new int[] {4, 16, 16}, taps.taps().get("mhsa.logits").shape());
    assertArrayEquals(new int[] {128, 8, 8}, taps.taps().get("ode2.step1").shape());
    // the second ODE block starts from trans1's output
    assertArrayEquals(taps.values("trans1.out"), taps.values("trans1.out"));
  }

  @Test
  void badInputs() {
    assertThrows(IllegalArgumentException.class, () -> MODEL.predict(new byte[10]));
    assertThrows(WeightsException.class, () -> GoldenModel.of(RandomWeights.floatWeights(CIFAR, 1)));
  }
}
