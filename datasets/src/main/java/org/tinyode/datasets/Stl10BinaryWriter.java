package org.tinyode.datasets;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes any {@link ImageDataset} of 96x96 images in the STL-10 binary layout: {@code <split>_X.bin} (planes
 * R, G, B, each column-major), {@code <split>_y.bin} (label + 1, one byte each; not written when every example
 * is unlabeled) and {@code class_names.txt}. Examples are written in index order.
 */
public final class Stl10BinaryWriter {

  private Stl10BinaryWriter() {}

  /** Writes {@code ds} into {@code dir} as split {@code split}; returns the number of images written. */
  public static int write(ImageDataset ds, Path dir, String split, int threads) throws DatasetException {
    int n = ds.size();
    boolean labelled = n > 0 && ds.label(0) >= 0;
    for (int i = 0; i < n; i++) {
      int l = ds.label(i);
      if ((l >= 0) != labelled) {
        throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, ds.exampleId(i), i, -1,
            "mixes labelled and unlabelled examples; STL-10 files are all one or the other");
      }
      if (l > 254) {
        throw new DatasetException(DatasetException.Kind.LABEL_OUT_OF_RANGE, ds.exampleId(i), i, -1,
            "class id " + l + " does not fit a 1..255 label byte");
      }
    }
    if (n > 0 && (ds.width() != Stl10BinaryDataset.SIDE || ds.height() != Stl10BinaryDataset.SIDE)) {
      throw wrongSize(ds, 0, ds.width(), ds.height());
    }
    // Write to ".partial" files and rename only when every record is written: a failed conversion never
    // leaves files that look like a complete dataset.
    Path xFile = dir.resolve(split + "_X.bin");
    Path yFile = dir.resolve(split + "_y.bin");
    Path namesFile = dir.resolve("class_names.txt");
    Path xTmp = dir.resolve(split + "_X.bin.partial");
    Path yTmp = dir.resolve(split + "_y.bin.partial");
    Path namesTmp = dir.resolve("class_names.txt.partial");
    boolean done = false;
    try {
      Files.createDirectories(dir);
      Files.write(namesTmp, (String.join("\n", ds.classNames()) + "\n").getBytes(StandardCharsets.UTF_8));
      try (OutputStream x = new BufferedOutputStream(Files.newOutputStream(xTmp), 1 << 20);
          OutputStream y = labelled ? new BufferedOutputStream(Files.newOutputStream(yTmp)) : null) {
        OrderedDecoder.forEach(ds, threads, e -> {
          if (e.width() != Stl10BinaryDataset.SIDE || e.height() != Stl10BinaryDataset.SIDE) {
            throw wrongSize(ds, e.index(), e.width(), e.height());
          }
          try {
            x.write(hwcToColumnMajorPlanes(e.rgb()));
            if (y != null) {
              y.write(e.label() + 1);
            }
          } catch (IOException io) {
            throw new DatasetException(DatasetException.Kind.UNREADABLE, xFile.toString(), e.index(),
                (long) e.index() * Stl10BinaryDataset.RECORD_BYTES, "cannot write: " + io, io);
          }
        });
      }
      Files.move(xTmp, xFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (labelled) {
        Files.move(yTmp, yFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(namesTmp, namesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      done = true;
    } catch (IOException io) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, dir.toString(), -1, -1,
          "cannot write: " + io, io);
    } finally {
      if (!done) {
        deleteQuietly(xTmp);
        deleteQuietly(yTmp);
        deleteQuietly(namesTmp);
      }
    }
    return n;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: the .partial suffix already marks the file as incomplete
    }
  }

  private static DatasetException wrongSize(ImageDataset ds, int i, int w, int h) {
    return new DatasetException(DatasetException.Kind.WRONG_IMAGE_SIZE, ds.exampleId(i), i, -1,
        "image is " + w + "x" + h + "; the STL-10 layout needs 96x96");
  }

  /** Row-major HWC to planes R, G, B, each column-major (the inverse of the reader's transpose). */
  static byte[] hwcToColumnMajorPlanes(byte[] rgb) {
    int side = Stl10BinaryDataset.SIDE;
    int plane = Stl10BinaryDataset.PLANE;
    byte[] out = new byte[Stl10BinaryDataset.RECORD_BYTES];
    for (int c = 0; c < 3; c++) {
      for (int col = 0; col < side; col++) {
        int dst = c * plane + col * side;
        for (int row = 0; row < side; row++) {
          out[dst + row] = rgb[(row * side + col) * 3 + c];
        }
      }
    }
    return out;
  }
}
