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
 * {@link Quantizer#defaultFracs} when quantized weights are wanted (SHA-256 = the tensors' hash). Random weights
 * are for timing and tests: their accuracy is chance level, and the run manifest says so.
 */
public final class ModelSource {
  private ModelSource() {}

  /** Weights plus the hash that identifies them. */
  public record Loaded(WeightsFile weights, String sha256, String description) {}

  /** Loads {@code model} as quantized ({@code quantized=true}) or float weights. */
  public static Loaded load(String model, boolean quantized) {
    if (model.startsWith("random:")) {
      String[] p = model.split(":");
      if (p.length < 2 || p.length > 3) {
        throw new IllegalArgumentException("--model " + model + ": expected random:<preset>[:<seed>]");
      }
      ModelSpec spec = ModelSpec.preset(p[1]);
      long seed = p.length == 3 ? Long.parseLong(p[2]) : 1L;
      WeightsFile f = RandomWeights.floatWeights(spec, seed);
      WeightsFile w = quantized ? Quantizer.quantize(f, Quantizer.defaultFracs(spec), "Quantizer.defaultFracs") : f;
      return new Loaded(w, w.sha256(), model + " (" + RandomWeights.NOTE + ")");
    }
    Path path = Path.of(model);
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

  /** The file's SHA-256, or for {@code random:} the hash of the generated quantized tensors. */
  public static String sha256(String model, boolean quantized) {
    return model.startsWith("random:") ? load(model, quantized).sha256() : Sha256.hex(Path.of(model));
  }
}
