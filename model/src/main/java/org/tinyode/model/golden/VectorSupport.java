package org.tinyode.model.golden;

/**
 * Whether the golden model's convolutions run on the Java Vector API kernels ({@link VectorConvKernel}): the
 * {@code jdk.incubator.vector} module must be in the boot layer (JVM flag {@code --add-modules
 * jdk.incubator.vector}); {@code -Dtinyode.golden.kernel=plain} forces the auto-vectorised plain-Java kernels.
 * Both give identical bits; the plain ones are several times slower.
 */
final class VectorSupport {
  private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  private static final boolean ENABLED = AVAILABLE
      && !"plain".equals(System.getProperty("tinyode.golden.kernel", "vector"));

  private VectorSupport() {}

  /** The module is present. */
  static boolean available() {
    return AVAILABLE;
  }

  /** The module is present and not switched off. */
  static boolean enabled() {
    return ENABLED;
  }

  /** A one-line description for benchmark reports. */
  static String describe() {
    return ENABLED ? "Vector API kernels (jdk.incubator.vector)"
        : AVAILABLE ? "plain-Java kernels (forced by -Dtinyode.golden.kernel=plain)"
            : "plain-Java kernels (jdk.incubator.vector not loaded: add --add-modules jdk.incubator.vector)";
  }
}
