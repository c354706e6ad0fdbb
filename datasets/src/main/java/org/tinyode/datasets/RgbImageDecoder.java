package org.tinyode.datasets;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG/JPEG (anything javax.imageio reads) into uint8 RGB HWC. Thread-safe: no shared state besides
 * ImageIO's registry; disk caching is switched off.
 *
 * <p>Conversions: alpha is dropped (not composited); grey is replicated to R=G=B without a colour-space
 * conversion; palette and other colour models go through {@link BufferedImage#getRGB}; samples wider than 8 bits
 * keep their top 8 bits, narrower ones are scaled to 0..255.
 */
final class RgbImageDecoder {

  static {
    ImageIO.setUseCache(false);
  }

  /** A decoded image. */
  record Rgb(int width, int height, byte[] rgb) {}

  private RgbImageDecoder() {}

  /** Decodes {@code bytes}; throws IOException when no reader recognises the data or decoding fails. */
  static Rgb decode(byte[] bytes) throws IOException {
    BufferedImage image;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("not a recognised image format (" + bytes.length + " bytes)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (RuntimeException e) {
      // Some ImageIO plug-ins throw unchecked exceptions on malformed data.
      throw new IOException("image decoder failed: " + e, e);
    }
    return toRgb(image);
  }

  /** Converts any BufferedImage to RGB HWC bytes. */
  static Rgb toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] out = new byte[w * h * 3];
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    if (cm instanceof ComponentColorModel && bands >= 3 && cm.getColorSpace().isCS_sRGB()) {
      copyComponents(raster, cm, w, h, bands, out, false);
    } else if (cm instanceof ComponentColorModel
        && bands <= 2
        && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
      copyComponents(raster, cm, w, h, bands, out, true);
    } else {
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      for (int i = 0; i < argb.length; i++) {
        int p = argb[i];
        out[i * 3] = (byte) (p >>> 16);
        out[i * 3 + 1] = (byte) (p >>> 8);
        out[i * 3 + 2] = (byte) p;
      }
    }
    return new Rgb(w, h, out);
  }

  private static void copyComponents(
      Raster raster, ColorModel cm, int w, int h, int bands, byte[] out, boolean grey) {
    int bits = cm.getComponentSize(0);
    int[] row = new int[w * bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      int o = y * w * 3;
      for (int x = 0; x < w; x++) {
        int s = x * bands;
        if (grey) {
          byte v = scale(row[s], bits);
          out[o++] = v;
          out[o++] = v;
          out[o++] = v;
        } else {
          out[o++] = scale(row[s], bits);
          out[o++] = scale(row[s + 1], bits);
          out[o++] = scale(row[s + 2], bits);
        }
      }
    }
  }

  private static byte scale(int sample, int bits) {
    if (bits == 8) {
      return (byte) sample;
    }
    if (bits > 8) {
      return (byte) (sample >>> (bits - 8));
    }
    return (byte) (sample * 255 / ((1 << bits) - 1));
  }
}
