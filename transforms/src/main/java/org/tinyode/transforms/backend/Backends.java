package org.tinyode.transforms.backend;

/** Opens the backend a {@link BackendSpec} names. */
public final class Backends {
  private Backends() {}

  public static Backend open(BackendSpec spec) {
    return switch (spec.kind()) {
      case BackendSpec.GOLDEN -> new GoldenBackend(spec);
      case BackendSpec.SOFTWARE -> new SoftwareBackend(spec);
      case BackendSpec.FPGA -> new FpgaBackend(spec);
      default -> throw new IllegalArgumentException("unknown backend " + spec.kind());
    };
  }
}
