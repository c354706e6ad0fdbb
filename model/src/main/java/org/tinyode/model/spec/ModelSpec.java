package org.tinyode.model.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole network: input, software stem, FPGA stages, software head. Instances built by {@link #load},
 * {@link #fromJson} and {@link #preset} are validated; the canonical constructor does not validate (call
 * {@link #validate()}). See docs/model-spec.md.
 */
public record ModelSpec(int specVersion, String name, int numClasses, List<String> classNames, InputSpec input,
    StemSpec stem, List<StageSpec> stages, HeadSpec head) {

  /** The only spec version this code reads. */
  public static final int SUPPORTED_VERSION = 1;
  private static final List<String> PRESETS = List.of("paper-stl10", "cifar10-ode");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT);

  public ModelSpec {
    classNames = classNames == null ? null : List.copyOf(classNames);
    stages = stages == null ? null : List.copyOf(stages);
  }

  /** Reads and validates a spec file; errors name the file and the field. */
  public static ModelSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecException(file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model spec " + file, e);
    }
    try {
      return fromJson(text);
    } catch (SpecException e) {
      throw new SpecException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses and validates a spec. Unknown fields, missing fields and inconsistencies are SpecExceptions. */
  public static ModelSpec fromJson(String json) {
    ModelSpec spec;
    try {
      spec = JSON.readValue(json, ModelSpec.class);
    } catch (JsonMappingException e) {
      throw new SpecException(jsonPath(e), e.getOriginalMessage().split("\n")[0]);
    } catch (JsonProcessingException e) {
      throw new SpecException("invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (spec == null) {
      throw new SpecException("(root)", "empty document");
    }
    spec.validate();
    return spec;
  }

  /** Canonical JSON (indented, record field order). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A built-in spec from {@code org/tinyode/model/presets/<name>.json}. */
  public static ModelSpec preset(String name) {
    if (!PRESETS.contains(name)) {
      throw new SpecException("preset", "unknown preset " + Validation.quote(name) + ", known: " + PRESETS);
    }
    String resource = "/org/tinyode/model/presets/" + name + ".json";
    try (InputStream in = ModelSpec.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> presetNames() {
    return PRESETS;
  }

  /** Checks every rule of docs/model-spec.md; throws SpecException naming the first bad field. */
  public ModelSpec validate() {
    if (specVersion != SUPPORTED_VERSION) {
      throw new SpecException("specVersion", "unsupported version " + specVersion + ", this build reads "
          + SUPPORTED_VERSION);
    }
    if (name == null || name.isBlank()) {
      throw new SpecException("name", "must not be empty");
    }
    Validation.positive("numClasses", numClasses);
    if (classNames == null || classNames.size() != numClasses) {
      throw new SpecException("classNames", "must list numClasses = " + numClasses + " names, got "
          + (classNames == null ? "none" : classNames.size()));
    }
    if (input == null) {
      throw new SpecException("input", "missing");
    }
    input.validate("input");
    if (stem == null) {
      throw new SpecException("stem", "missing");
    }
    stem.validate("stem");
    if (stages == null || stages.isEmpty()) {
      throw new SpecException("stages", "must list at least one stage");
    }
    if (head == null) {
      throw new SpecException("head", "missing");
    }
    head.validate("head");
    stageOutputs();
    return this;
  }

  /** Shape of the stem output = the FPGA input. */
  public FeatureShape stemOutput() {
    int h = FeatureShape.convOut(input.height(), stem.kernel(), stem.stride(), stem.padding());
    int w = FeatureShape.convOut(input.width(), stem.kernel(), stem.stride(), stem.padding());
    if (stem.poolKernel() > 0) {
      h = FeatureShape.convOut(h, stem.poolKernel(), stem.poolStride(), stem.poolPadding());
      w = FeatureShape.convOut(w, stem.poolKernel(), stem.poolStride(), stem.poolPadding());
    }
    if (h <= 0 || w <= 0) {
      throw new SpecException("stem", "leaves no output for a " + input.height() + "x" + input.width() + " input");
    }
    return new FeatureShape(stem.outChannels(), h, w);
  }

  /** Output shape of every stage, in order (validating the chain). */
  public List<FeatureShape> stageOutputs() {
    List<FeatureShape> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    FeatureShape shape = stemOutput();
    for (int i = 0; i < stages.size(); i++) {
      String path = "stages[" + i + "]";
      StageSpec s = stages.get(i);
      if (s == null) {
        throw new SpecException(path, "missing");
      }
      shape = s.outputShape(shape, path);
      if (!names.add(s.name())) {
        throw new SpecException(path + ".name", "duplicate stage name \"" + s.name() + "\"");
      }
      out.add(shape);
    }
    return out;
  }

  /** Input shape of stage {@code i}. */
  public FeatureShape stageInput(int i) {
    return i == 0 ? stemOutput() : stageOutputs().get(i - 1);
  }

  /** Shape of the FPGA output (= last stage output), the head's input. */
  public FeatureShape fpgaOutput() {
    List<FeatureShape> outs = stageOutputs();
    return outs.get(outs.size() - 1);
  }

  private static String jsonPath(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      }
    }
    String path = sb.length() == 0 ? "(root)" : sb.toString();
    String missing = "Missing required creator property '";
    String msg = e.getOriginalMessage();
    if (msg != null && msg.startsWith(missing)) {
      int end = msg.indexOf('\'', missing.length());
      path = (path.equals("(root)") ? "" : path + ".") + msg.substring(missing.length(), end);
    }
    return path;
  }
}
