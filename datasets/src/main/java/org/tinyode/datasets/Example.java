package org.tinyode.datasets;

/**
 * One decoded example.
 *
 * @param id stable id {@code <name>/<split>/<index>}
 * @param index position in its dataset
 * @param label class id 0..K-1, or -1 when unlabeled
 * @param width image width in pixels
 * @param height image height in pixels
 * @param rgb uint8 RGB, HWC, row-major: byte {@code (y * width + x) * 3 + c} is channel c (R=0, G=1, B=2)
 */
public record Example(String id, int index, int label, int width, int height, byte[] rgb) {

  public Example {
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "rgb has " + rgb.length + " bytes, expected " + width + "x" + height + "x3 for " + id);
    }
  }

  /** Channel {@code c} (0=R, 1=G, 2=B) of pixel (x, y), as 0..255. */
  public int channel(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xFF;
  }
}
