package org.tinyode.fpga.protocol;

import org.tinyode.fpga.proto.v1.Quantity;

/**
 * A number with its provenance label: {@code measured:<sensor or clock>} or {@code modeled:<profile>}
 * (docs/conventions.md: every number reported carries its provenance).
 */
public record Labelled(double value, String provenance) {
  public static final String HOST_CLOCK = "measured:host-cpu-nanotime";

  public Labelled {
    if (provenance == null || !(provenance.startsWith("measured:") || provenance.startsWith("modeled:"))
        || provenance.indexOf(':') == provenance.length() - 1) {
      throw new IllegalArgumentException("provenance must be measured:<what> or modeled:<profile>, got "
          + provenance);
    }
  }

  public static Labelled measured(double value, String byWhat) {
    return new Labelled(value, "measured:" + byWhat);
  }

  public static Labelled modeled(double value, String profile) {
    return new Labelled(value, "modeled:" + profile);
  }

  public boolean isMeasured() {
    return provenance.startsWith("measured:");
  }

  public Quantity toProto() {
    return Quantity.newBuilder().setValue(value).setProvenance(provenance).build();
  }

  public static Labelled fromProto(Quantity q) {
    return new Labelled(q.getValue(), q.getProvenance());
  }
}
