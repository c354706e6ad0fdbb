package org.tinyode.model.golden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsFile;

/**
 * Java calibration of the activation formats (docs/fixed-point.md section 3): runs the {@link FloatReference} over
 * sample images and takes the absolute maximum of every edge (an ODE state edge covers the block input and every
 * Euler state; the K edge also covers the relative embeddings, which share its format), then
 * {@link Quantizer#fracsFromAbsMax}. The QAT side's running maxima are the preferred source; this is the fallback.
 */
public final class Calibrator {
  private Calibrator() {}

  public static Map<String, Double> absMax(WeightsFile floatWeights, List<byte[]> images) {
    FloatReference ref = FloatReference.of(floatWeights);
    Map<String, Double> max = new LinkedHashMap<>();
    for (String e : WeightNames.edges(floatWeights.spec())) {
      max.put(e, 0.0);
    }
    EdgeObserver obs = (edge, v, n) -> {
      double m = max.get(edge);
      for (int i = 0; i < n; i++) {
        m = Math.max(m, Math.abs(v[i]));
      }
      max.put(edge, m);
    };
    for (byte[] img : images) {
      ref.logits(img, obs);
    }
    for (StageSpec s : floatWeights.spec().stages()) {
      if (s instanceof MhsaSpec a) {
        double m = max.get(a.name() + ".k");
        for (String r : List.of(".rel_h", ".rel_w")) {
          for (float f : floatWeights.tensor(a.name() + r).asFloats()) {
            m = Math.max(m, Math.abs(f));
          }
        }
        max.put(a.name() + ".k", m);
      }
    }
    return max;
  }

  /** Calibrated formats for {@link Quantizer#quantize}. */
  public static Map<String, Integer> fracs(WeightsFile floatWeights, List<byte[]> images) {
    return Quantizer.fracsFromAbsMax(absMax(floatWeights, images));
  }
}
