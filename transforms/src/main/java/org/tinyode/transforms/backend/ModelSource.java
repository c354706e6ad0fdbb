package org.tinyode.transforms.backend;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsException;
import org.tinyode.model.weights.WeightsFile;

/**
 * Resolves a {@code --model} value to weights: a safetensors file (its SHA-256 is the file's), or
 * {@code random:<preset>[:<seed>]} = {@link RandomWeights} for that preset (seed 1 by default), quantized with
 * {@link Quantizer#defaultFracs} when quantized weights are wanted. Random weights are written once per JVM to a
 * temporary file ({@link #file}) so that every backend, the embedded boards included, loads the same bytes and
 * reports the same SHA-256 (the file's). They are for timing and tests: accuracy is chance level, and the run
 * says so.
 */
public final class ModelSource {
  private ModelSource() {}

  /** Weights plus the hash that identifies them. */
  public record Loaded(WeightsFile weights, String sha256, String description) {}

  private static final java.util.Map<String, Path> MATERIALIZED = new java.util.HashMap<>();

  /** Loads {@code model} as quantized ({@code quantized=true}) or float weights. */
  public static Loaded load(String model, boolean quantized) {
    Path path = file(model, quantized);
    if (model.startsWith("random:")) {
      return new Loaded(WeightsFile.load(path, null), Sha256.hex(path), model + " (" + RandomWeights.NOTE + ")");
    }
    if (!Files.isRegularFile(path)) {
      throw new WeightsException("model file " + model + " not found (the shipped models are "
          + "models/cifar10-ode.{quant,float}.safetensors; for a timing-only run use --model random:cifar10-ode)");
    }
    WeightsFile w = WeightsFile.load(path, null);
    WeightsFile.Kind want = quantized ? WeightsFile.Kind.QUANTIZED : WeightsFile.Kind.FLOAT;
    if (w.kind() != want && quantized) {
      throw new WeightsException(model + ": this backend needs " + want.label() + " weights, the file holds "
          + w.kind().label() + " weights");
    }
    return new Loaded(w, Sha256.hex(path), path.toString());
  }

  /** The weights file of {@code model}: the path itself, or for {@code random:} the JVM's generated file. */
  public static synchronized Path file(String model, boolean quantized) {
    if (!model.startsWith("random:")) {
      return Path.of(model);
    }
    String key = model + (quantized ? "#quantized" : "#float");
    Path f = MATERIALIZED.get(key);
    if (f == null) {
      String[] p = model.split(":");
      if (p.length < 2 || p.length > 3) {
        throw new IllegalArgumentException("--model " + model + ": expected random:<preset>[:<seed>]");
      }
      ModelSpec spec = ModelSpec.preset(p[1]);
      long seed = p.length == 3 ? Long.parseLong(p[2]) : 1L;
      WeightsFile w = RandomWeights.floatWeights(spec, seed);
      if (quantized) {
        w = Quantizer.quantize(w, Quantizer.defaultFracs(spec), "Quantizer.defaultFracs");
      }
      try {
        f = Files.createTempFile("tinyode-" + p[1] + "-" + seed + (quantized ? ".quant" : ".float"), ".safetensors");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot write random weights", e);
      }
      f.toFile().deleteOnExit();
      w.save(f);
      MATERIALIZED.put(key, f);
    }
    return f;
  }
}
