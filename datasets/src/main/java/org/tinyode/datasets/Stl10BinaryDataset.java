package org.tinyode.datasets;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The official STL-10 binary layout ({@code stl10_binary/}): {@code <split>_X.bin} holds 3x96x96 uint8 per
 * image, plane by plane (R, G, B), each plane column-major; {@code <split>_y.bin} one label 1..10 per image
 * (absent for {@code unlabeled}); {@code class_names.txt}; {@code fold_indices.txt}.
 *
 * <p>Index = record position in {@code <split>_X.bin}. Labels are returned 0-based (file label - 1). Images
 * are read with positional reads on demand (the 2.7 GB {@code unlabeled_X.bin} is never loaded whole) and
 * transposed to row-major HWC. Missing {@code class_names.txt} falls back to {@link #STANDARD_CLASSES}.
 */
public final class Stl10BinaryDataset implements ImageDataset {

  public static final String FORMAT = "stl10";
  public static final int SIDE = 96;
  public static final int PLANE = SIDE * SIDE;
  public static final int RECORD_BYTES = 3 * PLANE;
  public static final List<String> STANDARD_CLASSES = List.of(
      "airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck");

  private final Path dir;
  private final String split;
  private final Path xFile;
  private final FileChannel x;
  private final int count;
  private final byte[] labels;
  private final List<String> classes;

  private Stl10BinaryDataset(Path dir, String split, Path xFile, FileChannel x, int count, byte[] labels,
      List<String> classes) {
    this.dir = dir;
    this.split = split;
    this.xFile = xFile;
    this.x = x;
    this.count = count;
    this.labels = labels;
    this.classes = classes;
  }

  /** Opens {@code dir/<split>_X.bin} (+ {@code _y.bin} unless the split is "unlabeled" and it is absent). */
  public static Stl10BinaryDataset open(Path dir, String split) throws DatasetException {
    Path classFile = dir.resolve("class_names.txt");
    List<String> classes = Files.exists(classFile) ? List.copyOf(BinaryFiles.lines(classFile)) : STANDARD_CLASSES;
    Path xFile = dir.resolve(split + "_X.bin");
    Path yFile = dir.resolve(split + "_y.bin");
    FileChannel x = BinaryFiles.openRead(xFile);
    try {
      int count = BinaryFiles.recordCount(BinaryFiles.size(x, xFile), RECORD_BYTES, xFile, "3x96x96 uint8");
      byte[] labels = null;
      if (Files.exists(yFile) || !"unlabeled".equals(split)) {
        labels = BinaryFiles.readSmall(yFile);
        if (labels.length != count) {
          throw new DatasetException(DatasetException.Kind.COUNT_MISMATCH, yFile.toString(),
              Math.min(labels.length, count), -1, labels.length + " labels but " + xFile.getFileName()
                  + " holds " + count + " images");
        }
        for (int i = 0; i < count; i++) {
          int l = labels[i] & 0xFF;
          if (l < 1 || l > classes.size()) {
            throw new DatasetException(DatasetException.Kind.LABEL_OUT_OF_RANGE, yFile.toString(), i, i,
                "label " + l + " outside 1.." + classes.size());
          }
        }
      }
      return new Stl10BinaryDataset(dir, split, xFile, x, count, labels, classes);
    } catch (DatasetException e) {
      BinaryFiles.closeQuietly(x);
      throw e;
    }
  }

  @Override
  public String name() {
    return FORMAT;
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String split() {
    return split;
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public List<String> classNames() {
    return classes;
  }

  @Override
  public int width() {
    return SIDE;
  }

  @Override
  public int height() {
    return SIDE;
  }

  @Override
  public int label(int i) {
    check(i);
    return labels == null ? -1 : (labels[i] & 0xFF) - 1;
  }

  @Override
  public Example get(int i) throws DatasetException {
    check(i);
    byte[] rec = BinaryFiles.readAt(x, (long) i * RECORD_BYTES, RECORD_BYTES, xFile, i);
    return new Example(exampleId(i), i, label(i), SIDE, SIDE, columnMajorPlanesToHwc(rec));
  }

  /** Planes R, G, B, each column-major ({@code src[c*P + x*96 + y]}), to row-major HWC. */
  static byte[] columnMajorPlanesToHwc(byte[] rec) {
    byte[] out = new byte[RECORD_BYTES];
    for (int c = 0; c < 3; c++) {
      int base = c * PLANE;
      for (int col = 0; col < SIDE; col++) {
        int src = base + col * SIDE;
        for (int row = 0; row < SIDE; row++) {
          out[(row * SIDE + col) * 3 + c] = rec[src + row];
        }
      }
    }
    return out;
  }

  /** The 0-based train indices of fold {@code k} (0..9) from {@code fold_indices.txt}. */
  public int[] fold(int k) throws DatasetException {
    return Stl10Folds.read(dir.resolve("fold_indices.txt"), k);
  }

  /** The folder this dataset was opened from. */
  public Path directory() {
    return dir;
  }

  private void check(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("index " + i + " outside 0.." + (count - 1) + " of " + xFile);
    }
  }

  @Override
  public void close() {
    BinaryFiles.closeQuietly(x);
  }
}
