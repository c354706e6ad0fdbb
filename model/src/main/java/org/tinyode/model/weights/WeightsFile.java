package org.tinyode.model.weights;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.SpecException;

/**
 * A TinyODE weights file (docs/weights-format.md): safetensors with metadata {@code tinyode.kind},
 * {@code tinyode.spec}, {@code tinyode.provenance} and {@code tinyode.tensors_sha256}. The constructor checks the
 * tensors against {@link WeightNames} for the spec and kind.
 */
public record WeightsFile(Kind kind, ModelSpec spec, Provenance provenance, Map<String, TensorData> tensors) {

  public static final String KEY_KIND = "tinyode.kind";
  public static final String KEY_SPEC = "tinyode.spec";
  public static final String KEY_PROVENANCE = "tinyode.provenance";
  public static final String KEY_SHA = "tinyode.tensors_sha256";

  /** float: training tensors with BN; quantized: deployment tensors of docs/fixed-point.md. */
  public enum Kind {
    FLOAT("float"), QUANTIZED("quantized");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Kind parse(String s) {
      for (Kind k : values()) {
        if (k.label.equals(s)) {
          return k;
        }
      }
      return null;
    }
  }

  public WeightsFile {
    tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
    List<String> problems = check(spec, kind, tensors);
    if (!problems.isEmpty()) {
      throw new WeightsException(kind.label() + " weights for spec \"" + spec.name() + "\": "
          + String.join("; ", problems));
    }
  }

  /** Builds from tensors in any order. */
  public static WeightsFile of(Kind kind, ModelSpec spec, Provenance provenance, List<TensorData> tensors) {
    Map<String, TensorData> m = new TreeMap<>();
    for (TensorData t : tensors) {
      m.put(t.name(), t);
    }
    return new WeightsFile(kind, spec, provenance, m);
  }

  public void save(Path file) {
    SafeTensors.write(file, metadata(), tensors.values());
  }

  public Map<String, String> metadata() {
    return Map.of(KEY_KIND, kind.label(), KEY_SPEC, spec.toJson(), KEY_PROVENANCE, provenance.toJson(), KEY_SHA,
        sha256());
  }

  /** Loads and verifies a file; {@code expected} (may be null) must equal the embedded spec. */
  public static WeightsFile load(Path file, ModelSpec expected) {
    SafeTensors.Content c = SafeTensors.read(file);
    Map<String, String> meta = c.metadata();
    for (String key : List.of(KEY_KIND, KEY_SPEC, KEY_PROVENANCE, KEY_SHA)) {
      if (!meta.containsKey(key)) {
        throw new WeightsException(file + ": metadata key " + key + " missing (not a TinyODE weights file?)");
      }
    }
    Kind kind = Kind.parse(meta.get(KEY_KIND));
    if (kind == null) {
      throw new WeightsException(file + ": " + KEY_KIND + " must be float or quantized, got " + meta.get(KEY_KIND));
    }
    ModelSpec spec;
    try {
      spec = ModelSpec.fromJson(meta.get(KEY_SPEC));
    } catch (SpecException e) {
      throw new WeightsException(file + ": embedded spec: " + e.getMessage(), e);
    }
    Provenance prov;
    try {
      prov = Provenance.fromJson(meta.get(KEY_PROVENANCE));
    } catch (WeightsException e) {
      throw new WeightsException(file + ": " + e.getMessage(), e);
    }
    String actual = TensorHash.sha256(c.tensors());
    if (!actual.equals(meta.get(KEY_SHA))) {
      throw new WeightsException(file + ": SHA-256 mismatch: metadata says " + meta.get(KEY_SHA)
          + ", tensors hash to " + actual + " (file corrupted or edited)");
    }
    if (expected != null && !expected.equals(spec)) {
      throw new WeightsException(file + ": embedded spec \"" + spec.name() + "\" differs from the expected spec \""
          + expected.name() + "\"");
    }
    try {
      return new WeightsFile(kind, spec, prov, c.tensors());
    } catch (WeightsException e) {
      throw new WeightsException(file + ": " + e.getMessage(), e);
    }
  }

  public String sha256() {
    return TensorHash.sha256(tensors);
  }

  public TensorData tensor(String name) {
    TensorData t = tensors.get(name);
    if (t == null) {
      throw new WeightsException("no tensor " + name + " in " + kind.label() + " weights of " + spec.name());
    }
    return t;
  }

  /** Fractional bits of an activation edge (quantized files). */
  public int frac(String edge) {
    return tensor(WeightNames.fracTensor(edge)).asBytes()[0];
  }

  /** Problems of a tensor set against the expected names, dtypes and shapes (empty = fine). */
  public static List<String> check(ModelSpec spec, Kind kind, Map<String, TensorData> tensors) {
    Map<String, ExpectedTensor> want = WeightNames.expected(spec, kind);
    List<String> problems = new ArrayList<>();
    for (ExpectedTensor e : want.values()) {
      TensorData t = tensors.get(e.name());
      if (t == null) {
        problems.add("missing tensor " + e.name() + " (expected " + e.dtype() + Arrays.toString(e.shape()) + ")");
      } else if (t.dtype() != e.dtype() || !Arrays.equals(t.shape(), e.shape())) {
        problems.add("tensor " + e.name() + ": expected " + e.dtype() + Arrays.toString(e.shape()) + ", got "
            + t.dtype() + Arrays.toString(t.shape()));
      }
    }
    for (String name : tensors.keySet()) {
      if (!want.containsKey(name) && !(kind == Kind.FLOAT && name.endsWith(".num_batches_tracked"))) {
        problems.add("unexpected tensor " + name);
      }
    }
    return problems;
  }
}
