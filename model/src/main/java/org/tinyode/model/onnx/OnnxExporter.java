package org.tinyode.model.onnx;

import static org.tinyode.model.onnx.GraphBuilder.floatAttr;
import static org.tinyode.model.onnx.GraphBuilder.intAttr;
import static org.tinyode.model.onnx.GraphBuilder.ints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tinyode.model.onnx.proto.OnnxSubset.ModelProto;
import org.tinyode.model.onnx.proto.OnnxSubset.OperatorSetIdProto;
import org.tinyode.model.onnx.proto.OnnxSubset.StringStringEntryProto;
import org.tinyode.model.onnx.proto.OnnxSubset.TensorProto;
import org.tinyode.model.onnx.proto.OnnxSubset.TensorShapeProto;
import org.tinyode.model.onnx.proto.OnnxSubset.TypeProto;
import org.tinyode.model.onnx.proto.OnnxSubset.ValueInfoProto;
import org.tinyode.model.quant.Folding;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.spec.StemSpec;
import org.tinyode.model.spec.TransitionSpec;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightNames.ConvLayer;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * The float network of a weights file as an ONNX graph (opset {@value #OPSET}, IR version {@value #IR_VERSION}).
 *
 * <p>Input {@value #INPUT} {@code [N, 3, H, W]} float32: the image already normalised, {@code (x/255 - mean)/std}
 * per channel (the same tensor the DJL float model receives). Output {@value #OUTPUT} {@code [N, classes]}.
 * Every BatchNormalization (eval mode) is folded into its conv's weight and bias in float64 (as the quantizer
 * does), {@code 1/sqrt(d)} is folded into the MHSA Q projection. Each ODEBlock's Euler loop is unrolled; its two
 * folded convs are stored once as initializers and referenced by every step; {@code h} is one scalar initializer.
 * The MHSA relative-position table {@code r[h,i,j] = R_h[y_j-y_i+H-1] + R_w[x_j-x_i+W-1]} is built in the graph
 * with Gather over precomputed int64 index tensors, and its logits with one broadcast MatMul.
 * Spec, provenance and the source file's tensor hash go into {@code metadata_props}.
 */
public final class OnnxExporter {
  public static final int OPSET = 17;
  public static final int IR_VERSION = 8;
  public static final String INPUT = "input";
  public static final String OUTPUT = "logits";

  private final WeightsFile w;
  private final ModelSpec spec;
  private final GraphBuilder g = new GraphBuilder();
  private final List<ConvLayer> layers;

  private OnnxExporter(WeightsFile w) {
    if (w.kind() != WeightsFile.Kind.FLOAT) {
      throw new WeightsException("ONNX export needs a float weights file, got " + w.kind().label());
    }
    this.w = w;
    this.spec = w.spec();
    this.layers = WeightNames.convLayers(spec);
  }

  /** The ONNX model of a float weights file; {@code source} (may be null) names it in the metadata. */
  public static ModelProto export(WeightsFile floatWeights, String source) {
    return new OnnxExporter(floatWeights).build(source);
  }

  public static void write(WeightsFile floatWeights, String source, Path out) {
    try {
      Files.write(out, export(floatWeights, source).toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": " + e.getMessage(), e);
    }
  }

  private ModelProto build(String source) {
    String x = INPUT;
    x = stem(x);
    for (int i = 0; i < spec.stages().size(); i++) {
      StageSpec s = spec.stages().get(i);
      FeatureShape in = spec.stageInput(i);
      if (s instanceof OdeBlockSpec o) {
        x = ode(o, x);
      } else if (s instanceof TransitionSpec t) {
        x = conv(t.name() + ".conv", layer(t.name() + ".conv"), x, t.stride(), t.padding());
        x = g.node("Relu", t.name() + ".relu", x);
      } else if (s instanceof MhsaSpec m) {
        x = mhsa(m, x, in);
      }
    }
    x = head(x);
    g.renameLastOutput(x, OUTPUT);
    int h = spec.input().height();
    int wd = spec.input().width();
    g.graph().setName(spec.name())
        .addInput(value(INPUT, "N", 3, h, wd))
        .addOutput(value(OUTPUT, "N", spec.numClasses()));
    ModelProto.Builder m = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("tinyode")
        .setProducerVersion("0.1.0")
        .setDomain("org.tinyode")
        .setModelVersion(1)
        .setDocString("TinyODE float model " + spec.name() + " (arXiv 2401.02721 reconstruction); input: normalised "
            + "NCHW float32 (x/255 - mean)/std, output: logits")
        .setGraph(g.graph());
    meta(m, "tinyode.kind", "float");
    meta(m, "tinyode.spec", spec.toJson());
    meta(m, "tinyode.provenance", w.provenance().toJson());
    meta(m, "tinyode.tensors_sha256", w.sha256());
    meta(m, "tinyode.input", "normalised NCHW float32: (x/255 - mean[c]) / std[c], mean/std in tinyode.spec");
    if (source != null) {
      meta(m, "tinyode.source", source);
    }
    return m.build();
  }

  private static void meta(ModelProto.Builder m, String key, String value) {
    m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
  }

  private static ValueInfoProto value(String name, String batch, long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(batch));
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(s))).build();
  }

  private ConvLayer layer(String name) {
    return layers.stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no conv layer " + name));
  }

  private String stem(String x) {
    StemSpec st = spec.stem();
    Folding.Folded f = Folding.foldBn(w.tensor("stem.conv.weight").asFloats(), null,
        w.tensor("stem.bn.weight").asFloats(), w.tensor("stem.bn.bias").asFloats(),
        w.tensor("stem.bn.running_mean").asFloats(), w.tensor("stem.bn.running_var").asFloats(), Folding.BN_EPS);
    int k = st.kernel();
    String wt = g.floats("stem.conv.weight", toFloat(f.weight()), st.outChannels(), 3, k, k);
    String b = g.floats("stem.conv.bias", toFloat(f.bias()), st.outChannels());
    x = convNode("stem.conv", x, wt, b, k, st.stride(), st.padding());
    x = g.node("Relu", "stem.relu", x);
    if (st.poolKernel() > 0) {
      int p = st.poolPadding();
      x = g.node("MaxPool", "stem.pool", List.of(x), ints("kernel_shape", st.poolKernel(), st.poolKernel()),
          ints("strides", st.poolStride(), st.poolStride()), ints("pads", p, p, p, p));
    }
    return x;
  }

  /** A conv of the FPGA part with its folded weights as initializers {@code <name>.weight/.bias}. */
  private String conv(String name, ConvLayer l, String x, int stride, int pad) {
    Folding.Folded f = Quantizer.fold(w, spec, l);
    int k = l.kernel();
    String wt = g.floats(name + ".weight", toFloat(f.weight()), l.outChannels(), l.inChannels(), k, k);
    String b = g.floats(name + ".bias", toFloat(f.bias()), l.outChannels());
    return convNode(name, x, wt, b, k, stride, pad);
  }

  private String convNode(String name, String x, String wt, String b, int k, int stride, int pad) {
    return g.node("Conv", name, List.of(x, wt, b), ints("kernel_shape", k, k), ints("strides", stride, stride),
        ints("pads", pad, pad, pad, pad));
  }

  private String ode(OdeBlockSpec o, String z) {
    String n = o.name();
    ConvLayer l1 = layer(n + ".conv1");
    ConvLayer l2 = layer(n + ".conv2");
    Folding.Folded f1 = Quantizer.fold(w, spec, l1);
    Folding.Folded f2 = Quantizer.fold(w, spec, l2);
    String w1 = g.floats(n + ".conv1.weight", toFloat(f1.weight()), l1.outChannels(), l1.inChannels(), 3, 3);
    String b1 = g.floats(n + ".conv1.bias", toFloat(f1.bias()), l1.outChannels());
    String w2 = g.floats(n + ".conv2.weight", toFloat(f2.weight()), l2.outChannels(), l2.inChannels(), 3, 3);
    String b2 = g.floats(n + ".conv2.bias", toFloat(f2.bias()), l2.outChannels());
    String h = g.floats(n + ".h", new float[] {(float) o.stepSize()});
    for (int t = 0; t < o.steps(); t++) {
      String p = n + ".step" + t;
      String a = g.node("Relu", p + ".act", convNode(p + ".conv1", z, w1, b1, 3, 1, 1));
      String f = convNode(p + ".conv2", a, w2, b2, 3, 1, 1);
      z = g.node("Add", p + ".z", z, g.node("Mul", p + ".hf", f, h));
    }
    return z;
  }

  private String mhsa(MhsaSpec m, String x, FeatureShape in) {
    String n = m.name();
    int heads = m.heads();
    int d = m.headDim();
    int hh = m.height();
    int ww = m.width();
    int pos = hh * ww;
    String q = conv(n + ".q", layer(n + ".q"), x, 1, 0);
    String k = conv(n + ".k", layer(n + ".k"), x, 1, 0);
    String v = conv(n + ".v", layer(n + ".v"), x, 1, 0);
    String split = g.longs(n + ".split_shape", new long[] {0, heads, d, pos}, 4);
    // [B, C, H, W] -> [B, heads, d, N]; channel c = head * d + e.
    String qh = g.node("Transpose", n + ".qh", List.of(g.node("Reshape", n + ".q4", q, split)),
        ints("perm", 0, 1, 3, 2));                                              // [B, heads, N, d]
    String kt = g.node("Reshape", n + ".kt", k, split);                          // [B, heads, d, N]
    String vh = g.node("Transpose", n + ".vh", List.of(g.node("Reshape", n + ".v4", v, split)),
        ints("perm", 0, 1, 3, 2));                                              // [B, heads, N, d]
    String content = g.node("MatMul", n + ".content", qh, kt);                  // [B, heads, N, N]
    // Relative table r [heads, N, N, d] from R_h [heads, 2H-1, d] and R_w [heads, 2W-1, d] by index gathers.
    long[] rowIdx = new long[pos * pos];
    long[] colIdx = new long[pos * pos];
    for (int i = 0; i < pos; i++) {
      for (int j = 0; j < pos; j++) {
        rowIdx[i * pos + j] = j / ww - i / ww + hh - 1;
        colIdx[i * pos + j] = j % ww - i % ww + ww - 1;
      }
    }
    String relH = g.floats(n + ".rel_h", w.tensor(n + ".rel_h").asFloats(), heads, 2L * hh - 1, d);
    String relW = g.floats(n + ".rel_w", w.tensor(n + ".rel_w").asFloats(), heads, 2L * ww - 1, d);
    String ri = g.longs(n + ".rel_row_index", rowIdx, pos, pos);
    String ci = g.longs(n + ".rel_col_index", colIdx, pos, pos);
    String rh = g.node("Gather", n + ".rh", List.of(relH, ri), intAttr("axis", 1));   // [heads, N, N, d]
    String rw = g.node("Gather", n + ".rw", List.of(relW, ci), intAttr("axis", 1));
    String rt = g.node("Transpose", n + ".rt", List.of(g.node("Add", n + ".r", rh, rw)),
        ints("perm", 0, 1, 3, 2));                                              // [heads, N, d, N]
    // q [B, heads, N, d] -> [B, heads, N, 1, d]; MatMul broadcasts over (B) and gives [B, heads, N, 1, N].
    String q5shape = g.longs(n + ".q5_shape", new long[] {0, heads, pos, 1, d}, 5);
    String pos4 = g.longs(n + ".logit_shape", new long[] {0, heads, pos, pos}, 4);
    String relLogits = g.node("Reshape", n + ".position",
        g.node("MatMul", n + ".position5", g.node("Reshape", n + ".q5", qh, q5shape), rt), pos4);
    String p = g.node("Softmax", n + ".softmax", List.of(g.node("Add", n + ".logits", content, relLogits)),
        intAttr("axis", -1));
    String o = g.node("MatMul", n + ".attn_heads", p, vh);                      // [B, heads, N, d]
    String merge = g.longs(n + ".merge_shape", new long[] {0, (long) heads * d, hh, ww}, 4);
    String attn = g.node("Reshape", n + ".attn",
        g.node("Transpose", n + ".attn_t", List.of(o), ints("perm", 0, 1, 3, 2)), merge);
    String proj = conv(n + ".proj", layer(n + ".proj"), attn, 1, 0);
    return g.node("Add", n + ".out", x, proj);
  }

  private String head(String x) {
    float[] fw = w.tensor("head.fc.weight").asFloats();
    float[] fb = w.tensor("head.fc.bias").asFloats();
    int classes = spec.numClasses();
    String pooled = g.node("Flatten", "head.flat", List.of(g.node("GlobalAveragePool", "head.pool", x)),
        intAttr("axis", 1));
    String wt = g.floats("head.fc.weight", fw, classes, fw.length / classes);
    String b = g.floats("head.fc.bias", fb, classes);
    return g.node("Gemm", "head.fc", List.of(pooled, wt, b), intAttr("transB", 1), floatAttr("alpha", 1f),
        floatAttr("beta", 1f));
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
