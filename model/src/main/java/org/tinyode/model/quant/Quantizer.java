package org.tinyode.model.quant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.weights.Provenance;
import org.tinyode.model.weights.TensorData;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightNames.ConvLayer;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * Float weights file + activation formats (edge name → fractional bits) → quantized weights file, exactly per
 * docs/fixed-point.md: BN folding in float64, per-output-channel power-of-two weight formats, int32 biases at the
 * accumulator scale, {@code 1/sqrt(d)} folded into Q before quantization, relative embeddings in the K format,
 * the stem folded into a float32 conv + bias, the head copied.
 */
public final class Quantizer {
  /** The calibration-free default activation format (range ±8, step 1/16); only for untrained/timing models. */
  public static final int DEFAULT_FRAC = 4;

  private Quantizer() {}

  /** {@link #DEFAULT_FRAC} for every edge of the spec. */
  public static Map<String, Integer> defaultFracs(ModelSpec spec) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (String e : WeightNames.edges(spec)) {
      m.put(e, DEFAULT_FRAC);
    }
    return m;
  }

  /** Activation formats from calibrated absolute maxima ({@link FixedPoint#activationFrac}). */
  public static Map<String, Integer> fracsFromAbsMax(Map<String, Double> absMax) {
    Map<String, Integer> m = new LinkedHashMap<>();
    absMax.forEach((k, v) -> m.put(k, FixedPoint.activationFrac(v)));
    return m;
  }

  public static WeightsFile quantize(WeightsFile floatWeights, Map<String, Integer> edgeFracs) {
    return quantize(floatWeights, edgeFracs, "given edge formats");
  }

  /** @param fracSource how the formats were obtained, recorded in the provenance note */
  public static WeightsFile quantize(WeightsFile floatWeights, Map<String, Integer> edgeFracs, String fracSource) {
    if (floatWeights.kind() != WeightsFile.Kind.FLOAT) {
      throw new WeightsException("quantizer input must be a float weights file, got " + floatWeights.kind().label());
    }
    ModelSpec spec = floatWeights.spec();
    List<String> missing = new ArrayList<>();
    for (String e : WeightNames.edges(spec)) {
      Integer f = edgeFracs.get(e);
      if (f == null) {
        missing.add(e);
      } else if (f < -128 || f > 127) {
        throw new WeightsException("edge " + e + ": fractional bits " + f + " do not fit int8");
      }
    }
    if (!missing.isEmpty()) {
      throw new WeightsException("no activation format for edges " + missing);
    }
    List<TensorData> out = new ArrayList<>();
    Folding.Folded stem = Folding.foldBn(f(floatWeights, "stem.conv.weight"), null, f(floatWeights, "stem.bn.weight"),
        f(floatWeights, "stem.bn.bias"), f(floatWeights, "stem.bn.running_mean"),
        f(floatWeights, "stem.bn.running_var"), Folding.BN_EPS);
    int[] stemShape = floatWeights.tensor("stem.conv.weight").shape();
    out.add(TensorData.ofFloats("stem.conv.weight", stemShape, toFloat(stem.weight())));
    out.add(TensorData.ofFloats("stem.conv.bias", new int[] {stemShape[0]}, toFloat(stem.bias())));
    for (ConvLayer l : WeightNames.convLayers(spec)) {
      Folding.Folded fd = fold(floatWeights, spec, l);
      quantizeConv(l, fd, edgeFracs.get(l.inEdge()), out);
    }
    for (StageSpec s : spec.stages()) {
      if (s instanceof MhsaSpec a) {
        int fk = edgeFracs.get(a.name() + ".k");
        for (String r : List.of("rel_h", "rel_w")) {
          TensorData t = floatWeights.tensor(a.name() + "." + r);
          float[] v = t.asFloats();
          byte[] q = new byte[v.length];
          for (int i = 0; i < v.length; i++) {
            q[i] = (byte) FixedPoint.quantize(v[i], fk);
          }
          out.add(TensorData.ofBytes(a.name() + "." + r + "_q", t.shape(), q));
        }
      }
    }
    for (String e : WeightNames.edges(spec)) {
      out.add(TensorData.ofBytes(WeightNames.fracTensor(e), new int[] {1}, new byte[] {(byte) (int) edgeFracs.get(e)}));
    }
    out.add(floatWeights.tensor("head.fc.weight"));
    out.add(floatWeights.tensor("head.fc.bias"));
    Provenance p = floatWeights.provenance();
    String note = (p.note() == null ? "" : p.note() + "; ") + "quantized per docs/fixed-point.md v1 ("
        + fracSource + ")";
    Provenance q = new Provenance(p.dataset(), p.seed(), p.epochs(), p.metrics(), p.gitCommit(), p.created(),
        p.commandLine(), p.toolVersions(), note);
    return WeightsFile.of(WeightsFile.Kind.QUANTIZED, spec, q, out);
  }

  /** The float64 folded weights and bias of one FPGA conv layer (BN folded, or 1/sqrt(d) for Q). */
  public static Folding.Folded fold(WeightsFile w, ModelSpec spec, ConvLayer l) {
    float[] weight = f(w, l.name() + ".weight");
    if (l.bnName() != null) {
      String bn = l.bnName();
      return Folding.foldBn(weight, null, f(w, bn + ".weight"), f(w, bn + ".bias"), f(w, bn + ".running_mean"),
          f(w, bn + ".running_var"), Folding.BN_EPS);
    }
    double scale = 1.0;
    if (l.name().endsWith(".q")) {
      String stage = l.name().substring(0, l.name().length() - 2);
      for (StageSpec s : spec.stages()) {
        if (s instanceof MhsaSpec a && a.name().equals(stage)) {
          scale = 1.0 / Math.sqrt(a.headDim());
        }
      }
    }
    return Folding.scaled(weight, f(w, l.name() + ".bias"), l.outChannels(), scale);
  }

  private static void quantizeConv(ConvLayer l, Folding.Folded fd, int fIn, List<TensorData> out) {
    int co = l.outChannels();
    int per = fd.weight().length / co;
    byte[] wq = new byte[fd.weight().length];
    byte[] fw = new byte[co];
    int[] bq = new int[co];
    for (int c = 0; c < co; c++) {
      int f = FixedPoint.weightFrac(fd.weight(), c * per, per);
      fw[c] = (byte) f;
      for (int i = c * per; i < (c + 1) * per; i++) {
        wq[i] = (byte) FixedPoint.quantizeWeight(fd.weight()[i], f);
      }
      bq[c] = FixedPoint.quantizeBias(fd.bias()[c], fIn + f);
    }
    out.add(TensorData.ofBytes(l.name() + ".weight_q", l.weightShape(), wq));
    out.add(TensorData.ofBytes(l.name() + ".weight_frac", new int[] {co}, fw));
    out.add(TensorData.ofInts(l.name() + ".bias_q", new int[] {co}, bq));
  }

  private static float[] f(WeightsFile w, String name) {
    return w.tensor(name).asFloats();
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
