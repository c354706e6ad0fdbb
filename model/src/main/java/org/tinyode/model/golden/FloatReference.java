package org.tinyode.model.golden;

import java.util.ArrayList;
import java.util.List;
import org.tinyode.model.quant.Folding;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.spec.TransitionSpec;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightNames.ConvLayer;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * The float network in Java (inference semantics of docs/model-spec.md, BN in eval mode folded into the convs,
 * float32 convs, softmax in float64): the unquantized counterpart of {@link GoldenModel}, used for calibration
 * ({@link Calibrator}) and to measure quantization error. Not bit-compatible with DJL (summation orders differ).
 * Immutable and thread-safe.
 */
public final class FloatReference {
  private final ModelSpec spec;
  private final FloatStem stem;
  private final List<Object[]> stages = new ArrayList<>();
  private final float[] fcW;
  private final float[] fcB;
  private final int maxFeature;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  private FloatReference(WeightsFile w) {
    if (w.kind() != WeightsFile.Kind.FLOAT) {
      throw new WeightsException("the float reference needs float weights, got " + w.kind().label());
    }
    this.spec = w.spec();
    Folding.Folded st = Folding.foldBn(w.tensor("stem.conv.weight").asFloats(), null,
        w.tensor("stem.bn.weight").asFloats(), w.tensor("stem.bn.bias").asFloats(),
        w.tensor("stem.bn.running_mean").asFloats(), w.tensor("stem.bn.running_var").asFloats(), Folding.BN_EPS);
    this.stem = new FloatStem(spec, f(st.weight()), f(st.bias()), 0);
    List<ConvLayer> layers = WeightNames.convLayers(spec);
    int m = spec.stemOutput().size();
    for (int i = 0; i < spec.stages().size(); i++) {
      StageSpec s = spec.stages().get(i);
      FeatureShape in = spec.stageInput(i);
      m = Math.max(m, spec.stageOutputs().get(i).size());
      if (s instanceof OdeBlockSpec b) {
        ConvGeometry g = ConvGeometry.of(b.channels(), in.height(), in.width(), 3, 1, 1);
        stages.add(new Object[] {b, in, conv(w, layer(layers, b.name() + ".conv1"), g, true),
            conv(w, layer(layers, b.name() + ".conv2"), g, false)});
      } else if (s instanceof TransitionSpec t) {
        ConvGeometry g = ConvGeometry.of(t.inChannels(), in.height(), in.width(), t.kernel(), t.stride(),
            t.padding());
        stages.add(new Object[] {t, in, conv(w, layer(layers, t.name() + ".conv"), g, true)});
      } else if (s instanceof MhsaSpec a) {
        ConvGeometry g = ConvGeometry.of(a.channels(), in.height(), in.width(), 1, 1, 0);
        stages.add(new Object[] {a, in, conv(w, layer(layers, a.name() + ".q"), g, false),
            conv(w, layer(layers, a.name() + ".k"), g, false), conv(w, layer(layers, a.name() + ".v"), g, false),
            conv(w, layer(layers, a.name() + ".proj"), g, false), w.tensor(a.name() + ".rel_h").asFloats(),
            w.tensor(a.name() + ".rel_w").asFloats()});
      }
    }
    this.maxFeature = m;
    this.fcW = w.tensor("head.fc.weight").asFloats();
    this.fcB = w.tensor("head.fc.bias").asFloats();
  }

  public static FloatReference of(WeightsFile floatWeights) {
    return new FloatReference(floatWeights);
  }

  public ModelSpec spec() {
    return spec;
  }

  private static ConvLayer layer(List<ConvLayer> layers, String name) {
    return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
  }

  private FloatConv conv(WeightsFile w, ConvLayer l, ConvGeometry g, boolean relu) {
    Folding.Folded fd = Quantizer.fold(w, spec, l);
    return new FloatConv(g, f(fd.weight()), f(fd.bias()), l.outChannels(), relu);
  }

  private static float[] f(double[] d) {
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  public Prediction predict(byte[] rgbHwc) {
    return Prediction.of(logits(rgbHwc, null));
  }

  /** Float logits; {@code obs} (may be null) sees every edge. */
  public float[] logits(byte[] rgbHwc, EdgeObserver obs) {
    Scratch s = scratch.get();
    float[] a = s.floats(Scratch.REF_A, maxFeature);
    float[] b = s.floats(Scratch.REF_B, maxFeature);
    stem.runFloat(rgbHwc, a, s);
    FeatureShape cur = spec.stemOutput();
    if (obs != null) {
      obs.observe("stem.out", a, cur.size());
    }
    for (int i = 0; i < stages.size(); i++) {
      Object[] st = stages.get(i);
      String inEdge = WeightNames.inputEdge(spec, i);
      if (st[0] instanceof OdeBlockSpec o) {
        int n = cur.size();
        float[] act = s.floats(Scratch.ODE_ACT, n);
        float[] fz = s.floats(Scratch.ODE_F, n);
        float h = (float) o.stepSize();
        for (int t = 0; t < o.steps(); t++) {
          ((FloatConv) st[2]).run(a, act, s);
          ((FloatConv) st[3]).run(act, fz, s);
          for (int j = 0; j < n; j++) {
            a[j] += h * fz[j];
          }
          if (obs != null) {
            obs.observe(o.name() + ".act", act, n);
            obs.observe(o.name() + ".f", fz, n);
            obs.observe(inEdge, a, n);
          }
        }
      } else if (st[0] instanceof TransitionSpec t) {
        ((FloatConv) st[2]).run(a, b, s);
        float[] x = a;
        a = b;
        b = x;
        cur = spec.stageOutputs().get(i);
        if (obs != null) {
          obs.observe(t.name() + ".out", a, cur.size());
        }
      } else {
        FloatMhsa.run((MhsaSpec) st[0], st, a, b, s, obs);
        float[] x = a;
        a = b;
        b = x;
      }
    }
    return head(a, cur);
  }

  private float[] head(float[] x, FeatureShape in) {
    int c = in.channels();
    int n = in.positions();
    int classes = fcB.length;
    float[] logits = new float[classes];
    double[] mean = new double[c];
    for (int ch = 0; ch < c; ch++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += x[ch * n + i];
      }
      mean[ch] = sum / n;
    }
    for (int j = 0; j < classes; j++) {
      double acc = fcB[j];
      for (int ch = 0; ch < c; ch++) {
        acc += (double) fcW[j * c + ch] * mean[ch];
      }
      logits[j] = (float) acc;
    }
    return logits;
  }
}
