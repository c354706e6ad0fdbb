package org.tinyode.model.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyode.datasets.DatasetException;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.Example;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.model.golden.FloatReference;
import org.tinyode.model.spec.InputSpec;
import org.tinyode.model.weights.WeightsFile;

/**
 * Inputs and expected logits for checking an exported graph with another ONNX implementation (CI:
 * tools/onnx-check): {@code inputs.f32} ({@code count} images spread evenly over the dataset, index
 * {@code k * size / count}, so a class-sorted folder gives every class; normalised NCHW float32 little-endian,
 * exactly what the graph input expects), {@code logits.f32} ({@code [count, classes]} from the pure-Java
 * {@link FloatReference}), {@code fixture.json} (shapes, ids, labels).
 */
public final class ReferenceFixture {
  private ReferenceFixture() {}

  /** Normalises one HWC RGB image into {@code out} at {@code base} as CHW floats (the DJL preprocessor's formula). */
  public static void normalise(InputSpec in, byte[] rgb, float[] out, int base) {
    int plane = in.height() * in.width();
    for (int c = 0; c < 3; c++) {
      float scale = 1f / (255f * in.std()[c]);
      float offset = in.mean()[c] / in.std()[c];
      for (int i = 0; i < plane; i++) {
        out[base + c * plane + i] = (rgb[i * 3 + c] & 0xFF) * scale - offset;
      }
    }
  }

  /** Writes the fixture of {@code count} evenly spread images of {@code data}/{@code split} into folder {@code out}. */
  public static int write(WeightsFile floatWeights, Path data, String split, int count, Path out) {
    InputSpec in = floatWeights.spec().input();
    FloatReference ref = FloatReference.of(floatWeights);
    int per = 3 * in.height() * in.width();
    int classes = floatWeights.spec().numClasses();
    ObjectNode json = new ObjectMapper().createObjectNode();
    ArrayNode ids = json.putArray("ids");
    ArrayNode labels = json.putArray("labels");
    try (ImageDataset ds = Datasets.open(data, null, split)) {
      int n = Math.min(count, ds.size());
      float[] x = new float[n * per];
      float[] logits = new float[n * classes];
      for (int i = 0; i < n; i++) {
        Example e = ds.get((int) ((long) i * ds.size() / n));
        normalise(in, e.rgb(), x, i * per);
        System.arraycopy(ref.logits(e.rgb(), null), 0, logits, i * classes, classes);
        ids.add(e.id());
        labels.add(e.label());
      }
      Files.createDirectories(out);
      Files.write(out.resolve("inputs.f32"), le(x));
      Files.write(out.resolve("logits.f32"), le(logits));
      json.put("count", n);
      json.putArray("inputShape").add(n).add(3).add(in.height()).add(in.width());
      json.putArray("logitsShape").add(n).add(classes);
      json.put("logitsBy", "org.tinyode.model.golden.FloatReference (pure-Java float32/float64)");
      Files.writeString(out.resolve("fixture.json"), json.toPrettyString());
      return n;
    } catch (DatasetException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": " + e.getMessage(), e);
    }
  }

  private static byte[] le(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }
}
