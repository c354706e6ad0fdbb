package org.tinyode.datasets;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The official CIFAR-10 binary layout ({@code cifar-10-batches-bin/}): train = {@code data_batch_1..5.bin},
 * test = {@code test_batch.bin}; each record is 1 label byte (0..9) + 3072 pixel bytes (R plane, G plane,
 * B plane, each row-major 32x32). Class names come from {@code batches.meta.txt} (or
 * {@link #STANDARD_CLASSES} when absent).
 *
 * <p>Index order: batch files in the order above, records in file order. Labels are read at open; pixels are
 * read with positional reads on {@code get}. Record numbers in messages are dataset indices.
 */
public final class Cifar10BinaryDataset implements ImageDataset {

  public static final String FORMAT = "cifar10";
  public static final int SIDE = 32;
  public static final int PLANE = SIDE * SIDE;
  public static final int RECORD_BYTES = 1 + 3 * PLANE;
  public static final List<String> STANDARD_CLASSES = List.of(
      "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private final String split;
  private final List<Path> files;
  private final List<FileChannel> channels;
  private final int[] firstIndex; // dataset index of each file's first record, plus total at the end
  private final byte[] labels;
  private final List<String> classes;

  private Cifar10BinaryDataset(String split, List<Path> files, List<FileChannel> channels, int[] firstIndex,
      byte[] labels, List<String> classes) {
    this.split = split;
    this.files = files;
    this.channels = channels;
    this.firstIndex = firstIndex;
    this.labels = labels;
    this.classes = classes;
  }

  /** The batch files of {@code split} ("train" or "test"). */
  static List<String> batchFiles(String split) throws DatasetException {
    if ("test".equals(split)) {
      return List.of("test_batch.bin");
    }
    if ("train".equals(split)) {
      return List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
          "data_batch_5.bin");
    }
    throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, "cifar-10-batches-bin", -1, -1,
        "unknown CIFAR-10 split '" + split + "' (expected train or test)");
  }

  public static Cifar10BinaryDataset open(Path dir, String split) throws DatasetException {
    Path meta = dir.resolve("batches.meta.txt");
    List<String> classes = Files.exists(meta) ? List.copyOf(BinaryFiles.lines(meta)) : STANDARD_CLASSES;
    List<Path> files = new ArrayList<>();
    List<FileChannel> channels = new ArrayList<>();
    try {
      List<String> names = batchFiles(split);
      int[] first = new int[names.size() + 1];
      long total = 0;
      for (int f = 0; f < names.size(); f++) {
        Path file = dir.resolve(names.get(f));
        FileChannel ch = BinaryFiles.openRead(file);
        files.add(file);
        channels.add(ch);
        first[f] = (int) total;
        total += BinaryFiles.recordCount(BinaryFiles.size(ch, file), RECORD_BYTES, file, "1 label + 3x32x32 uint8");
      }
      first[names.size()] = (int) total;
      byte[] labels = new byte[(int) total];
      for (int f = 0; f < files.size(); f++) {
        readLabels(channels.get(f), files.get(f), first[f], first[f + 1] - first[f], labels, classes.size());
      }
      return new Cifar10BinaryDataset(split, List.copyOf(files), List.copyOf(channels), first, labels, classes);
    } catch (DatasetException e) {
      channels.forEach(BinaryFiles::closeQuietly);
      throw e;
    }
  }

  private static void readLabels(FileChannel ch, Path file, int first, int n, byte[] labels, int k)
      throws DatasetException {
    int chunk = 1024;
    for (int r = 0; r < n; r += chunk) {
      int m = Math.min(chunk, n - r);
      byte[] block = BinaryFiles.readAt(ch, (long) r * RECORD_BYTES, m * RECORD_BYTES, file, first + r);
      for (int j = 0; j < m; j++) {
        int l = block[j * RECORD_BYTES] & 0xFF;
        if (l >= k) {
          long offset = (long) (r + j) * RECORD_BYTES;
          throw new DatasetException(DatasetException.Kind.LABEL_OUT_OF_RANGE, file.toString(), first + r + j,
              offset, "label " + l + " outside 0.." + (k - 1) + " (record " + (r + j) + " of this file)");
        }
        labels[first + r + j] = (byte) l;
      }
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
    return labels.length;
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
    if (i < 0 || i >= labels.length) {
      throw new IndexOutOfBoundsException("index " + i + " outside 0.." + (labels.length - 1));
    }
    return labels[i];
  }

  @Override
  public Example get(int i) throws DatasetException {
    int label = label(i);
    int f = 0;
    while (firstIndex[f + 1] <= i) {
      f++;
    }
    long offset = (long) (i - firstIndex[f]) * RECORD_BYTES;
    byte[] rec = BinaryFiles.readAt(channels.get(f), offset, RECORD_BYTES, files.get(f), i);
    byte[] rgb = new byte[3 * PLANE];
    for (int c = 0; c < 3; c++) {
      int src = 1 + c * PLANE;
      for (int p = 0; p < PLANE; p++) {
        rgb[p * 3 + c] = rec[src + p];
      }
    }
    return new Example(exampleId(i), i, label, SIDE, SIDE, rgb);
  }

  @Override
  public void close() {
    channels.forEach(BinaryFiles::closeQuietly);
  }
}
