package org.tinyode.transforms;

/** Checks and names provenance labels ({@code measured:<by what>} or {@code modeled:<profile>}). */
public final class Provenances {
  /** Wall time of the host JVM's {@code System.nanoTime()}. */
  public static final String HOST_CLOCK = "measured:host-cpu-nanotime";

  private Provenances() {}

  /** Throws when {@code label} is neither {@code measured:<x>} nor {@code modeled:<x>}. */
  public static String check(String label, String what) {
    if (!isKnown(label)) {
      throw new IllegalArgumentException(what + ": provenance must be measured:<by what> or modeled:<profile>, got "
          + label);
    }
    return label;
  }

  public static boolean isKnown(String label) {
    return label != null && (label.startsWith("measured:") && label.length() > 9
        || label.startsWith("modeled:") && label.length() > 8);
  }
}
