package org.tinyode.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hand-built STL-10 binary files (written byte by byte, independent of the writer under test). */
final class Stl10Fixtures {

  private Stl10Fixtures() {}

  /** Value of channel c at column x, row y of image i: asymmetric in x and y. */
  static int value(int i, int x, int y, int c) {
    return (x * 3 + y * 7 + c * 11 + i * 13) & 0xFF;
  }

  /** One record in the official layout: planes R, G, B, each column-major. */
  static byte[] record(int i) {
    byte[] rec = new byte[Stl10BinaryDataset.RECORD_BYTES];
    for (int c = 0; c < 3; c++) {
      for (int x = 0; x < 96; x++) {
        for (int y = 0; y < 96; y++) {
          rec[c * 9216 + x * 96 + y] = (byte) value(i, x, y, c);
        }
      }
    }
    return rec;
  }

  /** Writes {@code <split>_X.bin} with {@code labels.length} records and {@code <split>_y.bin} = labels. */
  static void write(Path dir, String split, byte[] labels) throws IOException {
    Files.createDirectories(dir);
    byte[] x = new byte[labels.length * Stl10BinaryDataset.RECORD_BYTES];
    for (int i = 0; i < labels.length; i++) {
      System.arraycopy(record(i), 0, x, i * Stl10BinaryDataset.RECORD_BYTES, Stl10BinaryDataset.RECORD_BYTES);
    }
    Files.write(dir.resolve(split + "_X.bin"), x);
    Files.write(dir.resolve(split + "_y.bin"), labels);
  }
}
