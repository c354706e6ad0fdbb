package org.tinyode.model.spec;

import java.util.regex.Pattern;

/** Shared field checks; every failure names the field path. */
final class Validation {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private Validation() {}

  static void positive(String path, int v) {
    if (v <= 0) {
      throw new SpecException(path, "must be positive, got " + v);
    }
  }

  static void device(String path, String device, String required) {
    if (!"cpu".equals(device) && !"fpga".equals(device)) {
      throw new SpecException(path, "must be \"cpu\" or \"fpga\", got " + quote(device));
    }
    if (!required.equals(device)) {
      throw new SpecException(path, "must be \"" + required + "\" here, got " + quote(device));
    }
  }

  static void name(String path, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new SpecException(path, "must match [a-z][a-z0-9_]*, got " + quote(name));
    }
    if (name.equals("stem") || name.equals("head")) {
      throw new SpecException(path, "\"" + name + "\" is reserved");
    }
  }

  static void chain(String path, int channels, FeatureShape in) {
    if (channels != in.channels()) {
      throw new SpecException(path, "the previous stage produces " + in.channels() + " channels, got "
          + channels);
    }
  }

  /** {@code k} if {@code v == 2^-k} for an integer {@code 0 <= k <= 30}, else -1. */
  static int powerOfTwoExponent(double v) {
    for (int k = 0; k <= 30; k++) {
      if (v == Math.scalb(1.0, -k)) {
        return k;
      }
    }
    return -1;
  }

  static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }
}
