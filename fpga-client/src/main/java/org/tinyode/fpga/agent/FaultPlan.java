package org.tinyode.fpga.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faults a board agent injects, for tests of the client and pool ({@code board --fault SPEC}, repeatable or
 * comma-separated; a prefix {@code <i>:} makes the spec and the rest of its comma-separated group apply only to
 * board {@code i} of {@code --boards N}, e.g. {@code --fault 1:crash-after=5,drop=0.1}):
 * <ul>
 *   <li>{@code latency=50ms} (also {@code s}, {@code us}): every Infer response is sent that much later;</li>
 *   <li>{@code drop=0.1}: each Infer response is dropped with this probability (never sent, stream stays open);</li>
 *   <li>{@code reset-after=N}: after N responses the board resets the Infer stream (UNAVAILABLE, the pending
 *       requests are lost), once;</li>
 *   <li>{@code corrupt-payload}: every response is mangled (last logit of each example removed, first byte of
 *       each returned FPGA output inverted), as a faulty board would;</li>
 *   <li>{@code wrong-model-hash}: the board claims another model (Describe, responses, hash checks);</li>
 *   <li>{@code crash-after=N}: after N responses the board dies (its server stops at once, nothing more sent);</li>
 *   <li>{@code corrupt-stage=<stage>}: in every example one element (the first) of that fabric stage's int8
 *       output is bit-inverted before the following stages run, so that stage and, as a rule, every later one
 *       and the FPGA output diverge from the golden model; the per-stage hashes are those of the corrupted
 *       tensors (a faulty datapath, for divergence-localisation tests);</li>
 *   <li>{@code seed=N}: seed of the drop decisions (default 1).</li>
 * </ul>
 */
public record FaultPlan(Duration latency, double dropProbability, long resetAfter, boolean corruptPayload,
    boolean wrongModelHash, long crashAfter, long seed, String corruptStage) {
  public static final FaultPlan NONE = new FaultPlan(Duration.ZERO, 0, 0, false, false, 0, 1, "");

  /** A plan without a corrupted stage. */
  public FaultPlan(Duration latency, double dropProbability, long resetAfter, boolean corruptPayload,
      boolean wrongModelHash, long crashAfter, long seed) {
    this(latency, dropProbability, resetAfter, corruptPayload, wrongModelHash, crashAfter, seed, "");
  }

  public FaultPlan {
    corruptStage = corruptStage == null ? "" : corruptStage;
    if (latency.isNegative() || dropProbability < 0 || dropProbability > 1 || resetAfter < 0 || crashAfter < 0) {
      throw new IllegalArgumentException("fault plan out of range: " + latency + ", drop " + dropProbability
          + ", reset-after " + resetAfter + ", crash-after " + crashAfter);
    }
  }

  public boolean isNone() {
    return equals(NONE) || canonical().isEmpty();
  }

  /** The plan of board {@code board} from command-line specs (comma-separated, optional {@code <i>:} prefix). */
  public static FaultPlan parse(List<String> specs, int board) {
    FaultPlan p = NONE;
    for (String group : specs) {
      int target = -1; // -1: every board; a "<i>:" prefix holds for the rest of its comma-separated group
      for (String raw : group.split(",")) {
        String spec = raw.strip();
        if (spec.isEmpty()) {
          continue;
        }
        int colon = spec.indexOf(':');
        if (colon > 0 && spec.substring(0, colon).chars().allMatch(Character::isDigit)) {
          target = Integer.parseInt(spec.substring(0, colon));
          spec = spec.substring(colon + 1);
        }
        FaultPlan next = p.with(spec); // parsed for every board, so a bad spec fails everywhere
        if (target < 0 || target == board) {
          p = next;
        }
      }
    }
    return p;
  }

  /** Parses specs for a single board (prefixes other than {@code 0:} are ignored). */
  public static FaultPlan parse(String... specs) {
    return parse(List.of(specs), 0);
  }

  /** This plan plus one spec ({@code name} or {@code name=value}). */
  public FaultPlan with(String spec) {
    int eq = spec.indexOf('=');
    String name = (eq < 0 ? spec : spec.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
    String value = eq < 0 ? null : spec.substring(eq + 1).strip();
    try {
      return switch (name) {
        case "latency" -> new FaultPlan(duration(need(name, value)), dropProbability, resetAfter, corruptPayload,
            wrongModelHash, crashAfter, seed, corruptStage);
        case "drop" -> new FaultPlan(latency, Double.parseDouble(need(name, value)), resetAfter, corruptPayload,
            wrongModelHash, crashAfter, seed, corruptStage);
        case "reset-after" -> new FaultPlan(latency, dropProbability, positive(name, value), corruptPayload,
            wrongModelHash, crashAfter, seed, corruptStage);
        case "corrupt-payload" -> new FaultPlan(latency, dropProbability, resetAfter, flag(name, value),
            wrongModelHash, crashAfter, seed, corruptStage);
        case "wrong-model-hash" -> new FaultPlan(latency, dropProbability, resetAfter, corruptPayload,
            flag(name, value), crashAfter, seed, corruptStage);
        case "crash-after" -> new FaultPlan(latency, dropProbability, resetAfter, corruptPayload, wrongModelHash,
            positive(name, value), seed, corruptStage);
        case "seed" -> new FaultPlan(latency, dropProbability, resetAfter, corruptPayload, wrongModelHash,
            crashAfter, Long.parseLong(need(name, value)), corruptStage);
        case "corrupt-stage" -> new FaultPlan(latency, dropProbability, resetAfter, corruptPayload, wrongModelHash,
            crashAfter, seed, need(name, value));
        default -> throw new IllegalArgumentException("unknown fault '" + name + "' (latency=, drop=, reset-after=, "
            + "corrupt-payload, wrong-model-hash, crash-after=, corrupt-stage=, seed=)");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fault '" + spec + "': bad number " + value);
    }
  }

  /** The active faults as specs, e.g. {@code [latency=50ms, drop=0.1]} (reported by Describe). */
  public List<String> canonical() {
    List<String> out = new ArrayList<>();
    if (!latency.isZero()) {
      out.add("latency=" + latency.toMillis() + "ms");
    }
    if (dropProbability > 0) {
      out.add("drop=" + dropProbability);
    }
    if (resetAfter > 0) {
      out.add("reset-after=" + resetAfter);
    }
    if (corruptPayload) {
      out.add("corrupt-payload");
    }
    if (wrongModelHash) {
      out.add("wrong-model-hash");
    }
    if (crashAfter > 0) {
      out.add("crash-after=" + crashAfter);
    }
    if (!corruptStage.isEmpty()) {
      out.add("corrupt-stage=" + corruptStage);
    }
    return out;
  }

  private static String need(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("fault '" + name + "' needs a value (" + name + "=...)");
    }
    return value;
  }

  private static long positive(String name, String value) {
    long n = Long.parseLong(need(name, value));
    if (n < 1) {
      throw new IllegalArgumentException("fault '" + name + "' must be >= 1, got " + n);
    }
    return n;
  }

  private static boolean flag(String name, String value) {
    if (value != null) {
      throw new IllegalArgumentException("fault '" + name + "' takes no value");
    }
    return true;
  }

  private static Duration duration(String v) {
    String s = v.toLowerCase(Locale.ROOT);
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    if (s.endsWith("us")) {
      return Duration.ofNanos(Long.parseLong(s.substring(0, s.length() - 2)) * 1000);
    }
    if (s.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
    }
    throw new IllegalArgumentException("latency '" + v + "' needs a unit: ms, s or us");
  }
}
