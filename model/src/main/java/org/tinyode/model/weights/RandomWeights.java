package org.tinyode.model.weights;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tinyode.model.spec.ModelSpec;

/**
 * Seeded random float weights for any spec (He-normal convs, BN statistics near identity, small relative
 * embeddings), for tests and timing runs. Provenance note: "untrained random initialisation (timing only)".
 * The same (spec, seed) always gives the same bytes, independent of the tensor order of other code.
 */
public final class RandomWeights {
  public static final String NOTE = "untrained random initialisation (timing only)";

  private RandomWeights() {}

  public static WeightsFile floatWeights(ModelSpec spec, long seed) {
    List<TensorData> out = new ArrayList<>();
    for (ExpectedTensor e : WeightNames.floatTensors(spec).values()) {
      SplittableRandom r = new SplittableRandom(seed ^ (e.name().hashCode() * 0x9E3779B97F4A7C15L));
      int[] s = e.shape();
      float[] v = new float[(int) TensorData.elementCount(s)];
      String n = e.name();
      if (n.endsWith(".running_var")) {
        fill(v, () -> 0.5 + r.nextDouble());
      } else if (n.endsWith(".running_mean")) {
        fill(v, () -> 0.1 * r.nextGaussian());
      } else if (n.contains(".bn") && n.endsWith(".weight")) {
        double scale = n.contains(".bn2") ? 0.3 : 1.0;
        fill(v, () -> scale * (0.5 + r.nextDouble()));
      } else if (n.contains(".bn") && n.endsWith(".bias")) {
        fill(v, () -> 0.1 * r.nextGaussian());
      } else if (n.contains(".rel_")) {
        fill(v, () -> 0.1 * r.nextGaussian());
      } else if (n.endsWith(".bias")) {
        fill(v, () -> 0.02 * r.nextGaussian());
      } else {
        int fanIn = 1;
        for (int i = 1; i < s.length; i++) {
          fanIn *= s[i];
        }
        double std = Math.sqrt(2.0 / fanIn);
        fill(v, () -> std * r.nextGaussian());
      }
      out.add(TensorData.ofFloats(n, s, v));
    }
    return WeightsFile.of(WeightsFile.Kind.FLOAT, spec, provenance(spec, seed), out);
  }

  public static Provenance provenance(ModelSpec spec, long seed) {
    return new Provenance(null, seed, 0, null, "unknown", Instant.now().toString(),
        "RandomWeights.floatWeights(" + spec.name() + ", " + seed + ")", Provenance.currentToolVersions(), NOTE);
  }

  private static void fill(float[] v, java.util.function.DoubleSupplier s) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) s.getAsDouble();
    }
  }
}
