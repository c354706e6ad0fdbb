package org.tinyode.model.golden;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.OdeBlockSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.spec.TransitionSpec;
import org.tinyode.model.weights.TensorData;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * The bit-exact reference of the FPGA datapath (docs/fixed-point.md): float32 software stem → integer FPGA stages
 * → float software head. Immutable and thread-safe; each thread reuses its own scratch buffers.
 *
 * <p>Taps (names, all integer): {@code stem.out}; per ODEBlock and step t {@code <ode>.step<t>.act},
 * {@code <ode>.step<t>.f}, {@code <ode>.step<t>}; per transition {@code <name>.out}; per MHSA {@code .q .k .v
 * .logits .probs .attn .proj .out}.
 */
public final class GoldenModel {
  private static final Map<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

  private final ModelSpec spec;
  private final FloatStem stem;
  private final List<GoldenStage> stages;
  private final FloatHead head;
  private final int maxFeature;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  private GoldenModel(ModelSpec spec, FloatStem stem, List<GoldenStage> stages, FloatHead head) {
    this.spec = spec;
    this.stem = stem;
    this.stages = List.copyOf(stages);
    this.head = head;
    int m = stem.outShape().size();
    for (GoldenStage s : stages) {
      m = Math.max(m, s.outShape().size());
    }
    this.maxFeature = m;
  }

  public static GoldenModel load(Path quantizedWeights, ModelSpec expectedOrNull) {
    return of(WeightsFile.load(quantizedWeights, expectedOrNull));
  }

  public static GoldenModel of(WeightsFile w) {
    if (w.kind() != WeightsFile.Kind.QUANTIZED) {
      throw new WeightsException("the golden model needs quantized weights, got " + w.kind().label()
          + " (run the quantizer first)");
    }
    ModelSpec spec = w.spec();
    FloatStem stem = new FloatStem(spec, w.tensor("stem.conv.weight").asFloats(),
        w.tensor("stem.conv.bias").asFloats(), w.frac("stem.out"));
    List<GoldenStage> stages = new ArrayList<>();
    for (int i = 0; i < spec.stages().size(); i++) {
      StageSpec s = spec.stages().get(i);
      FeatureShape in = spec.stageInput(i);
      FeatureShape out = spec.stageOutputs().get(i);
      int fIn = w.frac(WeightNames.inputEdge(spec, i));
      if (s instanceof OdeBlockSpec b) {
        String n = b.name();
        ConvGeometry g = ConvGeometry.of(b.channels(), in.height(), in.width(), 3, 1, 1);
        QConv c1 = conv(w, n + ".conv1", b.channels(), g, fIn, w.frac(n + ".act"), true);
        QConv c2 = conv(w, n + ".conv2", b.channels(), g, w.frac(n + ".act"), w.frac(n + ".f"), false);
        stages.add(new OdeStage(n, c1, c2, in, b.steps(), w.frac(n + ".f"), b.stepShift(), fIn));
      } else if (s instanceof TransitionSpec t) {
        ConvGeometry g = ConvGeometry.of(t.inChannels(), in.height(), in.width(), t.kernel(), t.stride(),
            t.padding());
        QConv c = conv(w, t.name() + ".conv", t.outChannels(), g, fIn, w.frac(t.name() + ".out"), true);
        stages.add(new ConvStage(c, in, out, t.name() + ".out"));
      } else if (s instanceof MhsaSpec a) {
        String n = a.name();
        ConvGeometry g = ConvGeometry.of(a.channels(), in.height(), in.width(), 1, 1, 0);
        int fq = w.frac(n + ".q");
        int fk = w.frac(n + ".k");
        int fv = w.frac(n + ".v");
        int fo = w.frac(n + ".attn");
        int fp = w.frac(n + ".proj");
        stages.add(new MhsaStage(n, in, a.heads(), a.headDim(),
            conv(w, n + ".q", a.channels(), g, fIn, fq, false), conv(w, n + ".k", a.channels(), g, fIn, fk, false),
            conv(w, n + ".v", a.channels(), g, fIn, fv, false), conv(w, n + ".proj", a.channels(), g, fo, fp, false),
            w.tensor(n + ".rel_h_q").asBytes(), w.tensor(n + ".rel_w_q").asBytes(), fIn, fq, fk, fv, fo, fp,
            w.frac(n + ".out")));
      }
    }
    int last = spec.stages().size() - 1;
    FloatHead head = new FloatHead(spec.fpgaOutput(), w.frac(WeightNames.outputEdge(spec, last)),
        w.tensor("head.fc.weight").asFloats(), w.tensor("head.fc.bias").asFloats());
    return new GoldenModel(spec, stem, stages, head);
  }

  private static QConv conv(WeightsFile w, String name, int cout, ConvGeometry g, int fIn, int fOut, boolean relu) {
    TensorData wq = w.tensor(name + ".weight_q");
    return new QConv(name, wq.asBytes(), w.tensor(name + ".weight_frac").asBytes(),
        w.tensor(name + ".bias_q").asInts(), cout, g, fIn, fOut, relu);
  }

  public ModelSpec spec() {
    return spec;
  }

  /**
   * The tap holding {@code stage}'s final integer output: {@code <ode>.step<C>} for an ODEBlock (its last Euler
   * step), {@code <name>.out} for a transition or MHSA block.
   */
  public static String outputTap(StageSpec stage) {
    return stage instanceof OdeBlockSpec b ? b.name() + ".step" + b.steps() : stage.name() + ".out";
  }

  /** One image ({@code height x width x 3} RGB bytes, HWC). */
  public Prediction predict(byte[] rgbHwc) {
    return predict(rgbHwc, null);
  }

  /** One image with every intermediate integer tensor sent to {@code taps} (may be null). */
  public Prediction predict(byte[] rgbHwc, TapSink taps) {
    Scratch s = scratch.get();
    float[] a = s.floats(Scratch.PING, maxFeature);
    stem.run(rgbHwc, a, s);
    if (taps != null) {
      FeatureShape o = stem.outShape();
      TapSink.emit(taps, "stem.out", a, new int[] {o.channels(), o.height(), o.width()});
    }
    return Prediction.of(head.run(fpga(a, s, taps)));
  }

  /** Names of the timed parts of {@link #timedPredict}: {@code stem}, every FPGA stage, {@code head}. */
  List<String> partNames() {
    List<String> names = new ArrayList<>();
    names.add("stem");
    for (StageSpec st : spec.stages()) {
      names.add(st.name());
    }
    names.add("head");
    return names;
  }

  /** As {@link #predict(byte[])}, adding each part's time (ns of {@code clock}) to {@code nanos} (profiling). */
  Prediction timedPredict(byte[] rgbHwc, long[] nanos, java.util.function.LongSupplier clock) {
    Scratch s = scratch.get();
    long t0 = clock.getAsLong();
    float[] a = s.floats(Scratch.PING, maxFeature);
    stem.run(rgbHwc, a, s);
    float[] b = s.floats(Scratch.PONG, maxFeature);
    long t1 = clock.getAsLong();
    nanos[0] += t1 - t0;
    for (int i = 0; i < stages.size(); i++) {
      stages.get(i).run(a, b, s, null);
      float[] t = a;
      a = b;
      b = t;
      long t2 = clock.getAsLong();
      nanos[i + 1] += t2 - t1;
      t1 = t2;
    }
    Prediction p = Prediction.of(head.run(a));
    nanos[stages.size() + 1] += clock.getAsLong() - t1;
    return p;
  }

  /** The stem alone: {@code stem.out} as int8 {@code [C][H][W]} (the FPGA input). */
  public byte[] stemOut(byte[] rgbHwc) {
    Scratch s = scratch.get();
    float[] a = s.floats(Scratch.PING, maxFeature);
    stem.run(rgbHwc, a, s);
    return toBytes(a, stem.outShape().size());
  }

  /** The FPGA part alone: int8 {@code stem.out} {@code [C][H][W]} → int8 output of the last stage. */
  public byte[] runFpga(byte[] stemOut, TapSink taps) {
    FeatureShape in = stem.outShape();
    if (stemOut.length != in.size()) {
      throw new IllegalArgumentException("FPGA input has " + stemOut.length + " bytes, expected " + in);
    }
    Scratch s = scratch.get();
    float[] a = s.floats(Scratch.PING, maxFeature);
    for (int i = 0; i < stemOut.length; i++) {
      a[i] = stemOut[i];
    }
    float[] out = fpga(a, s, taps);
    return toBytes(out, spec.fpgaOutput().size());
  }

  /**
   * FPGA stages {@code from} (inclusive) to {@code to} (exclusive) alone: the int8 {@code [C][H][W]} input of stage
   * {@code from} → the int8 output of stage {@code to - 1}, with that range's taps sent to {@code taps} (may be
   * null). Stages pass int8-valued tensors, so running {@code [0, k)} then {@code [k, n)} is bit-identical to
   * {@link #runFpga}; a caller may change the tensor in between (the board agent's stage-corruption fault).
   */
  public byte[] runFpgaStages(byte[] input, int from, int to, TapSink taps) {
    if (from < 0 || to > stages.size() || from >= to) {
      throw new IllegalArgumentException("FPGA stage range [" + from + ", " + to + ") outside [0, " + stages.size()
          + ")");
    }
    FeatureShape in = stages.get(from).inShape();
    if (input.length != in.size()) {
      throw new IllegalArgumentException("input of FPGA stage " + spec.stages().get(from).name() + " has "
          + input.length + " bytes, expected " + in);
    }
    Scratch s = scratch.get();
    float[] a = s.floats(Scratch.PING, maxFeature);
    for (int i = 0; i < input.length; i++) {
      a[i] = input[i];
    }
    float[] b = s.floats(Scratch.PONG, maxFeature);
    for (int i = from; i < to; i++) {
      stages.get(i).run(a, b, s, taps);
      float[] t = a;
      a = b;
      b = t;
    }
    return toBytes(a, stages.get(to - 1).outShape().size());
  }

  private float[] fpga(float[] a, Scratch s, TapSink taps) {
    float[] b = s.floats(Scratch.PONG, maxFeature);
    for (GoldenStage st : stages) {
      st.run(a, b, s, taps);
      float[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /** Head alone from the int8 FPGA output. */
  public Prediction head(byte[] fpgaOut) {
    float[] x = new float[fpgaOut.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = fpgaOut[i];
    }
    return Prediction.of(head.run(x));
  }

  /** A batch on all available processors (results in input order). */
  public Prediction[] predictBatch(List<byte[]> images) {
    return predictBatch(images, Runtime.getRuntime().availableProcessors());
  }

  /** A batch on {@code threads} threads (1 = the calling thread); results in input order and bit-identical. */
  public Prediction[] predictBatch(List<byte[]> images, int threads) {
    Prediction[] out = new Prediction[images.size()];
    if (threads <= 1 || images.size() <= 1) {
      for (int i = 0; i < out.length; i++) {
        out[i] = predict(images.get(i));
      }
      return out;
    }
    ForkJoinPool pool = POOLS.computeIfAbsent(threads, ForkJoinPool::new);
    try {
      pool.submit(() -> IntStream.range(0, out.length).parallel().forEach(i -> out[i] = predict(images.get(i))))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(c);
    }
    return out;
  }

  private static byte[] toBytes(float[] a, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (int) a[i];
    }
    return b;
  }
}
