package org.tinyode.model.spec;

/**
 * The software pre-processing layer (runs on the CPU, float32): conv {@code kernel x kernel}, stride
 * {@code stride}, padding {@code kernel / 2}, no bias, then BatchNorm, ReLU and, unless {@code poolKernel == 0},
 * a max-pool {@code poolKernel x poolKernel} with stride {@code poolStride} and padding
 * {@link #poolPadding()} = {@code (poolKernel - 1) / 2} (3x3/2 pads 1 like ResNet, 2x2/2 pads 0).
 */
public record StemSpec(int outChannels, int kernel, int stride, int poolKernel, int poolStride, String device) {

  /** Max-pool padding: {@code (poolKernel - 1) / 2}; 0 when there is no pool. */
  public int poolPadding() {
    return poolKernel == 0 ? 0 : (poolKernel - 1) / 2;
  }

  /** Conv padding: {@code kernel / 2}. */
  public int padding() {
    return kernel / 2;
  }

  void validate(String path) {
    Validation.positive(path + ".outChannels", outChannels);
    Validation.positive(path + ".kernel", kernel);
    Validation.positive(path + ".stride", stride);
    if (poolKernel < 0) {
      throw new SpecException(path + ".poolKernel", "must be 0 (no pool) or positive, got " + poolKernel);
    }
    if (poolKernel > 0) {
      Validation.positive(path + ".poolStride", poolStride);
    } else if (poolStride != 0 && poolStride != 1) {
      throw new SpecException(path + ".poolStride", "must be 0 or 1 when poolKernel is 0, got " + poolStride);
    }
    Validation.device(path + ".device", device, "cpu");
  }
}
