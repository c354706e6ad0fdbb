package org.tinyode.model.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsFile;

class CalibratorTest {
  static final ModelSpec CIFAR = ModelSpec.preset("cifar10-ode");

  @Test
  void calibratedGoldenModelTracksTheFloatModel() {
    WeightsFile fw = RandomWeights.floatWeights(CIFAR, 31);
    List<byte[]> calib = GoldenModelTest.images(CIFAR, 8, 100);
    Map<String, Double> absMax = Calibrator.absMax(fw, calib);
    assertEquals(WeightNames.edges(CIFAR), List.copyOf(absMax.keySet()));
    absMax.forEach((e, m) -> assertTrue(m > 0, e));
    Map<String, Integer> fracs = Calibrator.fracs(fw, calib);
    assertEquals(FixedPoint.fracForAbsMax(absMax.get("ode1.act")), fracs.get("ode1.act"));
    GoldenModel golden = GoldenModel.of(Quantizer.quantize(fw, fracs, "Calibrator, 8 random images"));
    FloatReference ref = FloatReference.of(fw);
    double num = 0;
    double den = 0;
    int agree = 0;
    List<byte[]> test = GoldenModelTest.images(CIFAR, 8, 200);
    for (byte[] img : test) {
      float[] a = ref.logits(img, null);
      Prediction p = golden.predict(img);
      for (int j = 0; j < a.length; j++) {
        num += (a[j] - p.logits()[j]) * (double) (a[j] - p.logits()[j]);
        den += a[j] * (double) a[j];
      }
      agree += ref.predict(img).top1() == p.top1() ? 1 : 0;
    }
    double rel = Math.sqrt(num / den);
    System.out.printf("int8 vs float logits: relative RMS error %.3f, top-1 agreement %d/%d%n", rel, agree,
        test.size());
    assertTrue(rel < 0.25, "relative logit error " + rel);
  }
}
