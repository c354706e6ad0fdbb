package org.tinyode.model.spec;

import java.util.Arrays;

/**
 * The network input: an RGB image of {@code height x width x channels} bytes, normalised per channel as
 * {@code (x / 255 - mean[c]) / std[c]}.
 */
public record InputSpec(int height, int width, int channels, float[] mean, float[] std) {

  void validate(String path) {
    Validation.positive(path + ".height", height);
    Validation.positive(path + ".width", width);
    if (channels != 3) {
      throw new SpecException(path + ".channels", "must be 3 (RGB), got " + channels);
    }
    if (mean == null || mean.length != channels) {
      throw new SpecException(path + ".mean", "must have " + channels + " values, got "
          + (mean == null ? "none" : mean.length));
    }
    if (std == null || std.length != channels) {
      throw new SpecException(path + ".std", "must have " + channels + " values, got "
          + (std == null ? "none" : std.length));
    }
    for (int c = 0; c < channels; c++) {
      if (!(std[c] > 0f) || !Float.isFinite(std[c])) {
        throw new SpecException(path + ".std[" + c + "]", "must be a positive finite number, got " + std[c]);
      }
      if (!Float.isFinite(mean[c])) {
        throw new SpecException(path + ".mean[" + c + "]", "must be finite, got " + mean[c]);
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InputSpec s && s.height == height && s.width == width && s.channels == channels
        && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * height + width) + channels) + Arrays.hashCode(mean) * 7 + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "InputSpec[" + height + "x" + width + "x" + channels + ", mean=" + Arrays.toString(mean)
        + ", std=" + Arrays.toString(std) + "]";
  }
}
