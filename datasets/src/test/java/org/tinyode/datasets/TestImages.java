package org.tinyode.datasets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Test fixture generator: tiny hand-checkable images, folders and archives. */
final class TestImages {

  private TestImages() {}

  /** An RGB image whose pixel (x, y) is (seed + x, seed + 10 * y, seed + x + y) — asymmetric in x and y. */
  static BufferedImage pattern(int w, int h, int seed) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, expected(x, y, 0, seed) << 16 | expected(x, y, 1, seed) << 8 | expected(x, y, 2, seed));
      }
    }
    return img;
  }

  /** Channel c of pattern(seed) at (x, y). */
  static int expected(int x, int y, int c, int seed) {
    return switch (c) {
      case 0 -> (seed + x) & 0xFF;
      case 1 -> (seed + 10 * y) & 0xFF;
      default -> (seed + x + y) & 0xFF;
    };
  }

  static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IOException("no writer for " + format);
    }
    return out.toByteArray();
  }

  static byte[] png(int w, int h, int seed) throws IOException {
    return encode(pattern(w, h, seed), "png");
  }

  /** Writes relative path → bytes under {@code root}. */
  static void writeTree(Path root, Map<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }

  /** Writes a .tar (or .tar.gz when the name ends so) with the given entries, in map iteration order. */
  static void writeTar(Path archive, Map<String, byte[]> files) throws IOException {
    try (OutputStream raw = Files.newOutputStream(archive);
        OutputStream maybeGz = archive.toString().endsWith(".tar") ? raw : new GzipCompressorOutputStream(raw);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(maybeGz)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  /** Root of the shared datasets, or null when absent ({@code tinyode.root}/../shared/datasets). */
  static Path sharedDatasets() {
    String root = System.getProperty("tinyode.root");
    if (root == null) {
      return null;
    }
    Path p = Path.of(root).resolve("../shared/datasets").normalize();
    return Files.isDirectory(p) ? p : null;
  }

  /** The project root ({@code tinyode.root}, or the parent of the working directory). */
  static Path projectRoot() {
    String root = System.getProperty("tinyode.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }
}
