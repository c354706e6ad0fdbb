package org.tinyode.fpga.fabric;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A board profile: PL clock, compute engines (MAC units, dynamic power), how each layer type maps onto an engine
 * (ops per cycle = its parallelism, pipeline fill), memory transfer costs, idle/dynamic power and the PS model.
 * Built-in profiles are resources {@code org/tinyode/fpga/profiles/<name>.json}; figures are our reconstruction.
 */
public record BoardProfile(String name, String description, double plClockHz, Map<String, Engine> engines,
    Map<String, LayerType> layerTypes, Memory memory, Power power, Ps ps) {

  /** A compute engine: {@code macUnits} multipliers, {@code dynamicWatts} drawn while it is busy. */
  public record Engine(int macUnits, double dynamicWatts) {}

  /**
   * How a layer type runs: on {@code engine}, {@code opsPerCycle} operations per cycle in steady state (MACs for
   * conv and attention, elements for softmax; at most the engine's MAC units), plus {@code fillCycles} to fill
   * the pipeline once per layer invocation.
   */
  public record LayerType(String engine, int opsPerCycle, int fillCycles) {}

  /**
   * Transfer costs: on-chip buffers move {@code onChipBytesPerCycle}; DDR moves {@code ddrBytesPerCycle} after
   * {@code ddrLatencyCycles} per transfer. {@code weightsOnChip}: weights stay in BRAM/URAM (no DDR traffic).
   */
  public record Memory(int onChipBytesPerCycle, int ddrBytesPerCycle, int ddrLatencyCycles, boolean weightsOnChip) {}

  /** Idle PS and PL power, PS dynamic power while software runs, DMA dynamic power during DDR transfers. */
  public record Power(double psIdleWatts, double plIdleWatts, double psActiveWatts, double dmaWatts) {
    /** Both idle floors: what the board draws whatever runs. */
    public double idleWatts() {
      return psIdleWatts + plIdleWatts;
    }

    /** The board while software runs on the PS (the fabric idle): idle floors + PS dynamic watts. */
    public double psBusyWatts() {
      return idleWatts() + psActiveWatts;
    }
  }

  /**
   * The processing system's CPU for modeled software-stage times: {@code macsPerSecond} effective fp32 MACs per
   * second (one core), and per stage kind ({@code ModelCost} kind, as {@code ./tinyode model info} prints it, e.g.
   * {@code conv+bn+relu+pool}) an effective rate that replaces it for that kind's MACs — for stages whose time on
   * the CPU is not set by their MACs alone (memory-bound layers, work the MAC count leaves out).
   */
  public record Ps(String name, double clockHz, double macsPerSecond, Map<String, Double> macsPerSecondByKind) {
    public Ps {
      macsPerSecondByKind = macsPerSecondByKind == null ? Map.of() : Map.copyOf(macsPerSecondByKind);
    }

    /** A PS with one MAC rate for every stage kind. */
    public Ps(String name, double clockHz, double macsPerSecond) {
      this(name, clockHz, macsPerSecond, Map.of());
    }

    /** Effective MACs per second for a stage of {@code kind}. */
    public double macsPerSecond(String kind) {
      return macsPerSecondByKind.getOrDefault(kind, macsPerSecond);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  /** A built-in profile by name (e.g. {@code zcu104}) or a JSON file path. */
  public static BoardProfile load(String nameOrPath) {
    String resource = "/org/tinyode/fpga/profiles/" + nameOrPath + ".json";
    try (InputStream in = BoardProfile.class.getResourceAsStream(resource)) {
      if (in != null) {
        return parse(in.readAllBytes(), "profile " + nameOrPath);
      }
      Path p = Path.of(nameOrPath);
      if (!Files.isRegularFile(p)) {
        throw new ProfileException("profile " + nameOrPath + ": neither a built-in profile (zcu104) nor a file");
      }
      return parse(Files.readAllBytes(p), "profile file " + p);
    } catch (IOException e) {
      throw new ProfileException("profile " + nameOrPath + ": cannot read (" + e.getMessage() + ")");
    }
  }

  static BoardProfile parse(byte[] json, String where) {
    BoardProfile p;
    try {
      p = JSON.readValue(json, BoardProfile.class);
    } catch (IOException e) {
      throw new ProfileException(where + ": " + e.getMessage().split("\n")[0]);
    }
    p.validate(where);
    return p;
  }

  void validate(String where) {
    check(name != null && !name.isBlank(), where, "name", "must not be empty");
    check(plClockHz > 0, where, "plClockHz", "must be positive");
    check(engines != null && !engines.isEmpty(), where, "engines", "must list at least one engine");
    check(layerTypes != null && !layerTypes.isEmpty(), where, "layerTypes", "must not be empty");
    for (var e : engines.entrySet()) {
      check(e.getValue().macUnits() > 0, where, "engines." + e.getKey() + ".macUnits", "must be positive");
      check(e.getValue().dynamicWatts() >= 0, where, "engines." + e.getKey() + ".dynamicWatts", "must be >= 0");
    }
    for (var t : layerTypes.entrySet()) {
      String f = "layerTypes." + t.getKey();
      Engine engine = engines.get(t.getValue().engine());
      check(engine != null, where, f + ".engine", "unknown engine " + t.getValue().engine());
      check(t.getValue().opsPerCycle() > 0, where, f + ".opsPerCycle", "must be positive");
      check(t.getValue().fillCycles() >= 0, where, f + ".fillCycles", "must be >= 0");
    }
    check(memory != null && memory.onChipBytesPerCycle() > 0 && memory.ddrBytesPerCycle() > 0
        && memory.ddrLatencyCycles() >= 0, where, "memory", "bandwidths must be positive, latency >= 0");
    check(power != null && power.psIdleWatts() >= 0 && power.plIdleWatts() >= 0 && power.psActiveWatts() >= 0
        && power.dmaWatts() >= 0, where, "power", "watts must be >= 0");
    check(ps != null && ps.macsPerSecond() > 0 && ps.clockHz() > 0, where, "ps", "clockHz and macsPerSecond > 0");
    for (var k : ps.macsPerSecondByKind().entrySet()) {
      check(k.getValue() != null && k.getValue() > 0, where, "ps.macsPerSecondByKind." + k.getKey(),
          "must be positive");
    }
  }

  private static void check(boolean ok, String where, String field, String problem) {
    if (!ok) {
      throw new ProfileException(where + ": " + field + ": " + problem);
    }
  }

  /** Provenance label of every figure modeled from this profile, e.g. {@code modeled:zcu104}. */
  public String modeledLabel() {
    return "modeled:" + name;
  }
}
