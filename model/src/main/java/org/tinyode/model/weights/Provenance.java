package org.tinyode.model.weights;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a weights file came from (metadata key {@code tinyode.provenance}). Every metric carries {@code how} it was
 * obtained, e.g. {@code "measured:tinyode train --eval-only on cifar10/test (10000 images)"}. Unknown JSON fields
 * are rejected; absent fields are null.
 *
 * @param dataset training data (null for untrained weights)
 * @param seed random seed, null if none
 * @param epochs training epochs, null if untrained
 * @param metrics name (e.g. "top1") to value + how
 * @param gitCommit commit of the producing code, or "unknown"
 * @param created ISO-8601 instant
 * @param commandLine the producing command line
 * @param toolVersions e.g. {"java": "17.0.15", "djl": "0.36.0"}
 * @param note free text, e.g. "untrained random initialisation (timing only)"
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(DatasetRef dataset, Long seed, Integer epochs, Map<String, Metric> metrics,
    String gitCommit, String created, String commandLine, Map<String, String> toolVersions, String note) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Provenance {
    metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
    toolVersions = toolVersions == null ? Map.of() : Map.copyOf(toolVersions);
  }

  /** The data set a model was trained or evaluated on; {@code sha256} of its files/manifest, or null. */
  public record DatasetRef(String name, String split, String sha256) {}

  /** One number with how it was obtained ({@code measured:...} or {@code modeled:...}). */
  public record Metric(double value, String how) {}

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Provenance fromJson(String json) {
    try {
      return JSON.readValue(json, Provenance.class);
    } catch (JsonProcessingException e) {
      throw new WeightsException("bad provenance JSON: " + e.getOriginalMessage());
    }
  }

  /** Current java version and the given extras. */
  public static Map<String, String> currentToolVersions(String... keyValues) {
    Map<String, String> m = new TreeMap<>();
    m.put("java", System.getProperty("java.version"));
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
