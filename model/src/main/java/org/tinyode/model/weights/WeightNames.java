package org.tinyode.model.weights;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.spec.TransitionSpec;

/**
 * The single source of truth for tensor and edge names (docs/weights-format.md). Maps keep network order.
 */
public final class WeightNames {
  /** BatchNorm tensor suffixes, in PyTorch order. */
  public static final List<String> BN_PARTS = List.of("weight", "bias", "running_mean", "running_var");

  private WeightNames() {}

  /** One FPGA conv layer: its tensor prefix (e.g. {@code ode1.conv1}), shape and BN prefix (null for MHSA). */
  public record ConvLayer(String name, int outChannels, int inChannels, int kernel, String bnName, String inEdge,
      String outEdge) {
    public int[] weightShape() {
      return new int[] {outChannels, inChannels, kernel, kernel};
    }
  }

  public static Map<String, ExpectedTensor> expected(ModelSpec spec, WeightsFile.Kind kind) {
    return kind == WeightsFile.Kind.FLOAT ? floatTensors(spec) : quantizedTensors(spec);
  }

  /** Float (training) tensors, PyTorch {@code state_dict} names, all F32. */
  public static Map<String, ExpectedTensor> floatTensors(ModelSpec spec) {
    Map<String, ExpectedTensor> m = new LinkedHashMap<>();
    int c0 = spec.stem().outChannels();
    int k = spec.stem().kernel();
    f32(m, "stem.conv.weight", c0, spec.input().channels(), k, k);
    bn(m, "stem.bn", c0);
    for (StageSpec s : spec.stages()) {
      if (s instanceof OdeBlockSpec b) {
        f32(m, b.name() + ".conv1.weight", b.channels(), b.channels(), 3, 3);
        bn(m, b.name() + ".bn1", b.channels());
        f32(m, b.name() + ".conv2.weight", b.channels(), b.channels(), 3, 3);
        bn(m, b.name() + ".bn2", b.channels());
      } else if (s instanceof TransitionSpec t) {
        f32(m, t.name() + ".conv.weight", t.outChannels(), t.inChannels(), t.kernel(), t.kernel());
        bn(m, t.name() + ".bn", t.outChannels());
      } else if (s instanceof MhsaSpec a) {
        for (String p : List.of("q", "k", "v", "proj")) {
          f32(m, a.name() + "." + p + ".weight", a.channels(), a.channels(), 1, 1);
          f32(m, a.name() + "." + p + ".bias", a.channels());
        }
        f32(m, a.name() + ".rel_h", a.heads(), 2 * a.height() - 1, a.headDim());
        f32(m, a.name() + ".rel_w", a.heads(), 2 * a.width() - 1, a.headDim());
      }
    }
    head(m, spec);
    return m;
  }

  /** Quantized (deployment) tensors per docs/fixed-point.md. */
  public static Map<String, ExpectedTensor> quantizedTensors(ModelSpec spec) {
    Map<String, ExpectedTensor> m = new LinkedHashMap<>();
    int c0 = spec.stem().outChannels();
    int k = spec.stem().kernel();
    f32(m, "stem.conv.weight", c0, spec.input().channels(), k, k);
    f32(m, "stem.conv.bias", c0);
    for (ConvLayer l : convLayers(spec)) {
      put(m, l.name() + ".weight_q", DType.I8, l.weightShape());
      put(m, l.name() + ".weight_frac", DType.I8, l.outChannels());
      put(m, l.name() + ".bias_q", DType.I32, l.outChannels());
    }
    for (StageSpec s : spec.stages()) {
      if (s instanceof MhsaSpec a) {
        put(m, a.name() + ".rel_h_q", DType.I8, a.heads(), 2 * a.height() - 1, a.headDim());
        put(m, a.name() + ".rel_w_q", DType.I8, a.heads(), 2 * a.width() - 1, a.headDim());
      }
    }
    for (String e : edges(spec)) {
      put(m, fracTensor(e), DType.I8, 1);
    }
    head(m, spec);
    return m;
  }

  /** Name of the scalar tensor holding the fractional bits of an activation edge. */
  public static String fracTensor(String edge) {
    return "frac." + edge;
  }

  /** Every int8 activation edge with its own format, in network order. */
  public static List<String> edges(ModelSpec spec) {
    List<String> out = new ArrayList<>();
    out.add("stem.out");
    for (StageSpec s : spec.stages()) {
      if (s instanceof OdeBlockSpec b) {
        out.add(b.name() + ".act");
        out.add(b.name() + ".f");
      } else if (s instanceof TransitionSpec t) {
        out.add(t.name() + ".out");
      } else if (s instanceof MhsaSpec a) {
        for (String p : List.of("q", "k", "v", "attn", "proj", "out")) {
          out.add(a.name() + "." + p);
        }
      }
    }
    return out;
  }

  /**
   * The edge whose format a stage's input has (the ODE state format {@code f_z} of a block is the format of the
   * edge feeding it): {@code stem.out} for stage 0, else the output edge of the previous stage.
   */
  public static String inputEdge(ModelSpec spec, int stage) {
    return stage == 0 ? "stem.out" : outputEdge(spec, stage - 1);
  }

  /** The edge (format) of a stage's output; an ODEBlock's output keeps its input format. */
  public static String outputEdge(ModelSpec spec, int stage) {
    StageSpec s = spec.stages().get(stage);
    if (s instanceof TransitionSpec t) {
      return t.name() + ".out";
    }
    if (s instanceof MhsaSpec a) {
      return a.name() + ".out";
    }
    return inputEdge(spec, stage);
  }

  /** Every FPGA conv layer (incl. the MHSA 1x1 projections) in network order. */
  public static List<ConvLayer> convLayers(ModelSpec spec) {
    List<ConvLayer> out = new ArrayList<>();
    for (int i = 0; i < spec.stages().size(); i++) {
      StageSpec s = spec.stages().get(i);
      String in = inputEdge(spec, i);
      if (s instanceof OdeBlockSpec b) {
        int c = b.channels();
        out.add(new ConvLayer(b.name() + ".conv1", c, c, 3, b.name() + ".bn1", in, b.name() + ".act"));
        out.add(new ConvLayer(b.name() + ".conv2", c, c, 3, b.name() + ".bn2", b.name() + ".act", b.name() + ".f"));
      } else if (s instanceof TransitionSpec t) {
        out.add(new ConvLayer(t.name() + ".conv", t.outChannels(), t.inChannels(), t.kernel(), t.name() + ".bn", in,
            t.name() + ".out"));
      } else if (s instanceof MhsaSpec a) {
        int c = a.channels();
        for (String p : List.of("q", "k", "v")) {
          out.add(new ConvLayer(a.name() + "." + p, c, c, 1, null, in, a.name() + "." + p));
        }
        out.add(new ConvLayer(a.name() + ".proj", c, c, 1, null, a.name() + ".attn", a.name() + ".proj"));
      }
    }
    return out;
  }

  /** Shape of the FPGA output feature map (the head's input). */
  public static FeatureShape headInput(ModelSpec spec) {
    return spec.fpgaOutput();
  }

  private static void head(Map<String, ExpectedTensor> m, ModelSpec spec) {
    int c = spec.fpgaOutput().channels();
    f32(m, "head.fc.weight", spec.numClasses(), c);
    f32(m, "head.fc.bias", spec.numClasses());
  }

  private static void bn(Map<String, ExpectedTensor> m, String prefix, int c) {
    for (String p : BN_PARTS) {
      f32(m, prefix + "." + p, c);
    }
  }

  private static void f32(Map<String, ExpectedTensor> m, String name, int... shape) {
    put(m, name, DType.F32, shape);
  }

  private static void put(Map<String, ExpectedTensor> m, String name, DType t, int... shape) {
    m.put(name, new ExpectedTensor(name, t, shape));
  }
}
