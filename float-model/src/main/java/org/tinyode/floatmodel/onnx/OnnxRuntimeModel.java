package org.tinyode.floatmodel.onnx;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyode.datasets.Example;
import org.tinyode.floatmodel.ImagePreprocessor;
import org.tinyode.floatmodel.Prediction;
import org.tinyode.model.onnx.OnnxExporter;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * A float weights file exported to ONNX in memory and run by DJL's OnnxRuntime engine. Same input contract and
 * {@link Prediction} as {@code FloatModel} (the same {@link ImagePreprocessor}); the graph runs as one piece, so
 * {@code stageNanos} has a single entry {@value #STAGE} (the whole batch).
 *
 * <p>Thread safety: {@link #predict} may be called from many threads at once (one DJL predictor per call over
 * one thread-safe ORT session). Threads: {@code -Dtinyode.onnxruntime.threads=N} sets ORT's intra-op threads
 * (default: ORT's own). Close the model to free the native session.
 */
public final class OnnxRuntimeModel implements AutoCloseable {
  /** DJL engine name. */
  public static final String ENGINE = "OnnxRuntime";
  /** The single timing entry of every prediction. */
  public static final String STAGE = "onnx-graph";

  private final Model model;
  private final WeightsFile file;
  private final ImagePreprocessor pre;
  private final int classes;

  private OnnxRuntimeModel(Model model, WeightsFile file) {
    this.model = model;
    this.file = file;
    this.pre = new ImagePreprocessor(file.spec().input());
    this.classes = file.spec().numClasses();
  }

  public static OnnxRuntimeModel load(Path floatWeights) {
    return of(WeightsFile.load(floatWeights, null));
  }

  /** Exports {@code floatWeights} and loads the graph into an OnnxRuntime session. */
  public static OnnxRuntimeModel of(WeightsFile floatWeights) {
    if (floatWeights.kind() != WeightsFile.Kind.FLOAT) {
      throw new WeightsException("the OnnxRuntime engine runs float weights only, got "
          + floatWeights.kind().label());
    }
    byte[] onnx = OnnxExporter.export(floatWeights, null).toByteArray();
    Model m = Model.newInstance(floatWeights.spec().name(), ENGINE);
    try {
      Map<String, String> options = new HashMap<>();
      String threads = System.getProperty("tinyode.onnxruntime.threads");
      if (threads != null) {
        options.put("intraOpNumThreads", threads);
        options.put("interOpNumThreads", "1");
      }
      m.load(new ByteArrayInputStream(onnx), options);
      return new OnnxRuntimeModel(m, floatWeights);
    } catch (IOException e) {
      m.close();
      throw new UncheckedIOException(e);
    } catch (MalformedModelException | RuntimeException e) {
      m.close();
      throw new IllegalStateException("OnnxRuntime rejected the exported graph of " + floatWeights.spec().name()
          + ": " + e.getMessage(), e);
    }
  }

  public ModelSpec spec() {
    return file.spec();
  }

  public WeightsFile weights() {
    return file;
  }

  /** Predictions for a batch of images (every image must have the spec's input size). */
  public List<Prediction> predict(List<Example> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    int b = batch.size();
    float[] buf = new float[b * pre.imageSize()];
    for (int i = 0; i < b; i++) {
      Example e = batch.get(i);
      if (e.width() != pre.width() || e.height() != pre.height()) {
        throw new IllegalArgumentException(e.id() + ": image is " + e.width() + "x" + e.height() + ", model "
            + spec().name() + " needs " + pre.width() + "x" + pre.height());
      }
      pre.write(e.rgb(), buf, i * pre.imageSize());
    }
    float[] logits;
    long t0 = System.nanoTime();
    try (NDManager m = model.getNDManager().newSubManager();
        Predictor<NDList, NDList> p = model.newPredictor(new NoopTranslator())) {
      NDArray x = m.create(FloatBuffer.wrap(buf), new Shape(b, 3, pre.height(), pre.width()));
      x.setName(OnnxExporter.INPUT);
      NDList out = p.predict(new NDList(x));
      logits = out.get(0).toFloatArray();
    } catch (TranslateException e) {
      throw new IllegalStateException("OnnxRuntime inference failed: " + e.getMessage(), e);
    }
    long nanos = System.nanoTime() - t0;
    if (logits.length != b * classes) {
      throw new IllegalStateException("OnnxRuntime returned " + logits.length + " logits for " + b + " images");
    }
    Map<String, Long> timing = Map.of(STAGE, nanos);
    List<Prediction> result = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      float[] l = new float[classes];
      System.arraycopy(logits, i * classes, l, 0, classes);
      result.add(new Prediction(batch.get(i).id(), l, org.tinyode.model.golden.Prediction.top1(l),
          Collections.emptyMap(), timing, b));
    }
    return result;
  }

  @Override
  public void close() {
    model.close();
  }
}
