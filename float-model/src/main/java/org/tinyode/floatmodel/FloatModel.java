package org.tinyode.floatmodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.nn.StageBlock;
import org.tinyode.floatmodel.nn.TinyOdeNetwork;
import org.tinyode.floatmodel.quant.FoldedLayer;
import org.tinyode.floatmodel.quant.IntegerLayer;
import org.tinyode.floatmodel.quant.QuantContext;
import org.tinyode.floatmodel.quant.QuantMode;
import org.tinyode.floatmodel.weights.StateDictIo;
import org.tinyode.model.spec.MhsaSpec;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageSpec;
import org.tinyode.model.weights.TensorData;
import org.tinyode.model.weights.WeightNames;
import org.tinyode.model.weights.WeightsFile;

/**
 * Inference from a weights file: a float file runs the float32 network; a quantized file runs the exact integer
 * arithmetic of docs/fixed-point.md (held in float64) between the float software stem and head.
 *
 * <p>Thread safety: {@link #predict} may be called from many threads at once. The parameters are read-only after
 * {@link #load}, every call allocates its tensors in its own {@link NDManager}, and autograd is switched off for
 * the calling thread. (Pipeline workers typically keep one FloatModel per JVM and set
 * {@code -Dai.djl.pytorch.num_threads=1} per worker.) Close the model to free native memory.
 */
public final class FloatModel implements AutoCloseable {

  private final NDManager manager;
  private final TinyOdeNetwork net;
  private final ParameterStore ps;
  private final WeightsFile file;
  private final ImagePreprocessor pre;

  private FloatModel(NDManager manager, TinyOdeNetwork net, WeightsFile file) {
    this.manager = manager;
    this.net = net;
    this.ps = new ParameterStore(manager, false);
    this.file = file;
    this.pre = new ImagePreprocessor(net.spec().input());
  }

  /** Loads a float or quantized weights file (kind from its metadata). */
  public static FloatModel load(Path path) {
    return of(WeightsFile.load(path, null));
  }

  /** A model from weights already in memory. */
  public static FloatModel of(WeightsFile file) {
    NDManager manager = NDManager.newBaseManager();
    try {
      JniUtils.setGradMode(false);
      ModelSpec spec = file.spec();
      QuantContext quant = new QuantContext();
      TinyOdeNetwork net = TinyOdeNetwork.build(spec, quant, false);
      net.initialize(manager, DataType.FLOAT32, net.inputShape(1));
      if (file.kind() == WeightsFile.Kind.FLOAT) {
        StateDictIo.load(net, file);
      } else {
        loadQuantized(net, quant, file, manager);
        quant.setMode(QuantMode.INTEGER);
      }
      return new FloatModel(manager, net, file);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static void loadQuantized(TinyOdeNetwork net, QuantContext quant, WeightsFile f, NDManager m) {
    ModelSpec spec = f.spec();
    for (String edge : WeightNames.edges(spec)) {
      quant.setFrac(edge, f.frac(edge));
    }
    for (WeightNames.ConvLayer l : WeightNames.convLayers(spec)) {
      TensorData w = f.tensor(l.name() + ".weight_q");
      byte[] fwb = f.tensor(l.name() + ".weight_frac").asBytes();
      int[] fw = new int[fwb.length];
      for (int i = 0; i < fw.length; i++) {
        fw[i] = fwb[i];
      }
      quant.putIntegerLayer(l.name(), new IntegerLayer(doubles(m, w), fw, doubles(m, f.tensor(l.name() + ".bias_q"))));
    }
    for (StageSpec s : spec.stages()) {
      if (s instanceof MhsaSpec a) {
        for (String part : List.of("rel_h", "rel_w")) {
          quant.putIntegerLayer(a.name() + "." + part,
              new IntegerLayer(doubles(m, f.tensor(a.name() + "." + part + "_q")), null, null));
        }
      }
    }
    TensorData sw = f.tensor("stem.conv.weight");
    TensorData sb = f.tensor("stem.conv.bias");
    quant.putFoldedLayer("stem.conv", new FoldedLayer(m.create(sw.asFloats(), shape(sw)),
        m.create(sb.asFloats(), shape(sb))));
    net.stateDict().get("head.fc.weight").getArray().set(f.tensor("head.fc.weight").asFloats());
    net.stateDict().get("head.fc.bias").getArray().set(f.tensor("head.fc.bias").asFloats());
  }

  private static NDArray doubles(NDManager m, TensorData t) {
    double[] v;
    switch (t.dtype()) {
      case I8 -> {
        byte[] b = t.asBytes();
        v = new double[b.length];
        for (int i = 0; i < b.length; i++) {
          v[i] = b[i];
        }
      }
      case I32 -> {
        int[] b = t.asInts();
        v = new double[b.length];
        for (int i = 0; i < b.length; i++) {
          v[i] = b[i];
        }
      }
      default -> throw new IllegalArgumentException("tensor " + t.name() + ": unexpected dtype " + t.dtype());
    }
    return m.create(v, shape(t));
  }

  private static Shape shape(TensorData t) {
    long[] s = new long[t.shape().length];
    for (int i = 0; i < s.length; i++) {
      s[i] = t.shape()[i];
    }
    return new Shape(s);
  }

  public ModelSpec spec() {
    return net.spec();
  }

  /** float or quantized. */
  public WeightsFile.Kind kind() {
    return file.kind();
  }

  public WeightsFile weights() {
    return file;
  }

  /** The underlying DJL network (tests, training tools). */
  public TinyOdeNetwork network() {
    return net;
  }

  /** Predictions for a batch of images (any size; every image must have the spec's input size). */
  public List<Prediction> predict(List<Example> batch) {
    return predict(batch, false);
  }

  /** As {@link #predict(List)}; {@code withStageOutputs} also copies every stage's output per image. */
  public List<Prediction> predict(List<Example> batch, boolean withStageOutputs) {
    if (batch.isEmpty()) {
      return List.of();
    }
    JniUtils.setGradMode(false);
    int b = batch.size();
    float[] buf = new float[b * pre.imageSize()];
    for (int i = 0; i < b; i++) {
      Example e = batch.get(i);
      if (e.width() != pre.width() || e.height() != pre.height()) {
        throw new IllegalArgumentException(e.id() + ": image is " + e.width() + "x" + e.height() + ", model "
            + net.spec().name() + " needs " + pre.width() + "x" + pre.height());
      }
      pre.write(e.rgb(), buf, i * pre.imageSize());
    }
    try (NDManager m = manager.newSubManager(); NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray x = m.create(buf, new Shape(b, 3, pre.height(), pre.width()));
      Map<String, Long> nanos = new LinkedHashMap<>();
      List<Map<String, float[]>> outs = new ArrayList<>();
      for (int i = 0; i < b; i++) {
        outs.add(new LinkedHashMap<>());
      }
      for (StageBlock s : net.stages()) {
        long t0 = System.nanoTime();
        x = s.run(ps, x, false);
        nanos.put(s.stageName(), System.nanoTime() - t0);
        if (withStageOutputs) {
          float[] all = x.toType(DataType.FLOAT32, false).toFloatArray();
          int per = all.length / b;
          for (int i = 0; i < b; i++) {
            float[] one = new float[per];
            System.arraycopy(all, i * per, one, 0, per);
            outs.get(i).put(s.stageName(), one);
          }
        }
      }
      float[] logits = x.toFloatArray();
      int k = logits.length / b;
      Map<String, Long> timing = Collections.unmodifiableMap(nanos);
      List<Prediction> result = new ArrayList<>(b);
      for (int i = 0; i < b; i++) {
        float[] l = new float[k];
        System.arraycopy(logits, i * k, l, 0, k);
        result.add(new Prediction(batch.get(i).id(), l, org.tinyode.model.golden.Prediction.top1(l),
            Collections.unmodifiableMap(outs.get(i)), timing, b));
      }
      return result;
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
