package org.tinyode.model.spec;

/** A feature map shape {@code [channels][height][width]}. */
public record FeatureShape(int channels, int height, int width) {
  public int size() {
    return channels * height * width;
  }

  /** Spatial positions {@code height * width}. */
  public int positions() {
    return height * width;
  }

  /** Output size of a window op: {@code floor((n + 2*pad - k) / stride) + 1}. */
  public static int convOut(int n, int kernel, int stride, int pad) {
    return Math.floorDiv(n + 2 * pad - kernel, stride) + 1;
  }

  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
