package org.tinyode.floatmodel;

import org.tinyode.model.spec.InputSpec;

/**
 * Image bytes to network input: uint8 RGB HWC to float CHW, {@code (x / 255 - mean[c]) / std[c]} (the
 * {@link InputSpec} contract shared with the golden model's software stem).
 */
public final class ImagePreprocessor {

  private final int height;
  private final int width;
  private final float[] scale = new float[3];
  private final float[] offset = new float[3];

  public ImagePreprocessor(InputSpec input) {
    this.height = input.height();
    this.width = input.width();
    for (int c = 0; c < 3; c++) {
      scale[c] = 1f / (255f * input.std()[c]);
      offset[c] = input.mean()[c] / input.std()[c];
    }
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Values of one image: {@code 3 * H * W} floats. */
  public int imageSize() {
    return 3 * height * width;
  }

  /**
   * Writes image {@code rgb} (HWC bytes of exactly H x W) into {@code out} at {@code base} as CHW floats.
   * {@code flip} mirrors horizontally; {@code (dy, dx)} shifts the crop window inside a zero-padded image
   * (padding pixels are black, i.e. byte 0, before normalisation).
   */
  public void write(byte[] rgb, float[] out, int base, boolean flip, int dy, int dx) {
    int plane = height * width;
    for (int y = 0; y < height; y++) {
      int sy = y + dy;
      for (int x = 0; x < width; x++) {
        int sx0 = x + dx;
        int sx = flip ? width - 1 - sx0 : sx0;
        int o = base + y * width + x;
        if (sy < 0 || sy >= height || sx0 < 0 || sx0 >= width) {
          for (int c = 0; c < 3; c++) {
            out[o + c * plane] = -offset[c];
          }
          continue;
        }
        int p = (sy * width + sx) * 3;
        for (int c = 0; c < 3; c++) {
          out[o + c * plane] = (rgb[p + c] & 0xFF) * scale[c] - offset[c];
        }
      }
    }
  }

  /** Plain (no augmentation) conversion of one image. */
  public void write(byte[] rgb, float[] out, int base) {
    write(rgb, out, base, false, 0, 0);
  }
}
