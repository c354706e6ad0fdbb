package org.tinyode.transforms.backend;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Everything a worker needs to load a backend, small and serialisable (it travels inside DoFns).
 *
 * @param kind software | golden | fpga
 * @param model a weights file path, or {@code random:<preset>[:<seed>]} for seeded random weights (timing and
 *     tests only; accuracy is then chance level)
 * @param boards fpga only: {@code embedded} or {@code embedded:<n>} (local emulated agents) or
 *     {@code host:port,...}
 * @param boardAuth fpga with remote boards: a folder holding {@code token}, {@code ca.pem} (TLS trust), see
 *     {@link FpgaBackend}
 * @param cpuWattsPerCore modeled power of one busy host CPU core (energy of CPU stages when RAPL is not readable)
 * @param energySource {@code auto} (RAPL when readable, else modeled) | {@code rapl} | {@code modeled}
 * @param sysfsRoot where RAPL is looked for ({@code /sys})
 * @param keepFabricOutput keep the int8 FPGA-part output bytes in each result (needed by compare's divergence)
 * @param engine software only: {@code pytorch} (DJL float network) or {@code onnxruntime} (the exported ONNX graph
 *     on DJL's OnnxRuntime engine, docs/onnx.md); ignored by the other backends
 */
public record BackendSpec(String kind, String model, String boards, String boardAuth, double cpuWattsPerCore,
    String energySource, String sysfsRoot, boolean keepFabricOutput, String engine) implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String SOFTWARE = "software";
  public static final String GOLDEN = "golden";
  public static final String FPGA = "fpga";
  public static final List<String> KINDS = List.of(SOFTWARE, GOLDEN, FPGA);
  public static final String PYTORCH = "pytorch";
  public static final String ONNXRUNTIME = "onnxruntime";
  public static final List<String> ENGINES = List.of(PYTORCH, ONNXRUNTIME);

  public BackendSpec {
    kind = kind.toLowerCase(Locale.ROOT);
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("backend must be one of " + KINDS + " (not " + kind + ")");
    }
    if (!List.of("auto", "rapl", "modeled").contains(energySource)) {
      throw new IllegalArgumentException("energy source must be auto, rapl or modeled (not " + energySource + ")");
    }
    if (!(cpuWattsPerCore > 0)) {
      throw new IllegalArgumentException("cpuWattsPerCore must be > 0 (not " + cpuWattsPerCore + ")");
    }
    engine = engine == null ? PYTORCH : engine.toLowerCase(Locale.ROOT);
    if (!ENGINES.contains(engine)) {
      throw new IllegalArgumentException("engine must be one of " + ENGINES + " (not " + engine + ")");
    }
  }

  /** The PyTorch engine (the spec before the engine choice existed). */
  public BackendSpec(String kind, String model, String boards, String boardAuth, double cpuWattsPerCore,
      String energySource, String sysfsRoot, boolean keepFabricOutput) {
    this(kind, model, boards, boardAuth, cpuWattsPerCore, energySource, sysfsRoot, keepFabricOutput, PYTORCH);
  }

  public BackendSpec withKind(String k) {
    return new BackendSpec(k, model, boards, boardAuth, cpuWattsPerCore, energySource, sysfsRoot, keepFabricOutput,
        engine);
  }

  public BackendSpec withModel(String m) {
    return new BackendSpec(kind, m, boards, boardAuth, cpuWattsPerCore, energySource, sysfsRoot, keepFabricOutput,
        engine);
  }

  public BackendSpec withKeepFabricOutput(boolean keep) {
    return new BackendSpec(kind, model, boards, boardAuth, cpuWattsPerCore, energySource, sysfsRoot, keep, engine);
  }

  public BackendSpec withEngine(String e) {
    return new BackendSpec(kind, model, boards, boardAuth, cpuWattsPerCore, energySource, sysfsRoot, keepFabricOutput,
        e);
  }

  /** True when {@link #model} names generated random weights rather than a file. */
  public boolean randomModel() {
    return model.startsWith("random:");
  }
}
