package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BinaryDatasetTest {

  @TempDir Path tmp;

  static int value(int i, int x, int y, int c) {
    return (x + 5 * y + 100 * c + 17 * i) & 0xFF;
  }

  /** Writes a batch file of records with the given labels (record i of the file uses pattern i + shift). */
  static void batch(Path file, byte[] labels, int shift) throws Exception {
    byte[] b = new byte[labels.length * 3073];
    for (int r = 0; r < labels.length; r++) {
      b[r * 3073] = labels[r];
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            b[r * 3073 + 1 + c * 1024 + y * 32 + x] = (byte) value(r + shift, x, y, c);
          }
        }
      }
    }
    Files.createDirectories(file.getParent());
    Files.write(file, b);
  }

  @Test
  void readsTestBatchPlanarRowMajor() throws Exception {
    Path dir = tmp.resolve("cifar-10-batches-bin");
    batch(dir.resolve("test_batch.bin"), new byte[] {0, 9, 4}, 0);
    Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", Cifar10BinaryDataset.STANDARD_CLASSES)
        + "\n\n");
    try (ImageDataset ds = Datasets.open(tmp, null, null)) {
      assertEquals("cifar10", ds.format());
      assertEquals("test", ds.split());
      assertEquals(3, ds.size());
      assertEquals(10, ds.classNames().size());
      assertEquals(9, ds.label(1));
      Example e = ds.get(2);
      assertEquals("cifar10/test/2", e.id());
      assertEquals(4, e.label());
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(value(2, x, y, c), e.channel(x, y, c));
          }
        }
      }
    }
  }

  @Test
  void trainConcatenatesFiveBatches() throws Exception {
    for (int f = 1; f <= 5; f++) {
      batch(tmp.resolve("data_batch_" + f + ".bin"), new byte[] {(byte) f, (byte) f}, 2 * (f - 1));
    }
    try (ImageDataset ds = Datasets.open(tmp, "cifar10", "train")) {
      assertEquals(10, ds.size());
      assertEquals(List.of(1, 1, 2, 2, 3, 3, 4, 4, 5, 5), java.util.stream.IntStream.range(0, 10).map(ds::label)
          .boxed().toList());
      assertEquals(value(7, 3, 4, 1), ds.get(7).channel(3, 4, 1));
    }
  }

  @Test
  void truncatedBatch() throws Exception {
    batch(tmp.resolve("test_batch.bin"), new byte[] {1, 2}, 0);
    Files.write(tmp.resolve("test_batch.bin"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "cifar10", "test"));
    assertEquals(DatasetException.Kind.TRUNCATED, e.getKind());
    assertTrue(e.getMessage().contains("test_batch.bin, record 2, byte offset 6146"), e.getMessage());
  }

  @Test
  void labelOutOfRange() throws Exception {
    batch(tmp.resolve("test_batch.bin"), new byte[] {1, 2, 10}, 0);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "cifar10", "test"));
    assertEquals(DatasetException.Kind.LABEL_OUT_OF_RANGE, e.getKind());
    assertTrue(e.getMessage().contains("test_batch.bin, record 2, byte offset 6146: label 10 outside 0..9"),
        e.getMessage());
  }

  @Test
  void missingBatchAndUnknownSplit() throws Exception {
    batch(tmp.resolve("data_batch_1.bin"), new byte[] {1}, 0);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "cifar10", "train"));
    assertEquals(DatasetException.Kind.MISSING_FILE, e.getKind());
    assertTrue(e.getMessage().contains("data_batch_2.bin: no such file"), e.getMessage());
    e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "cifar10", "valid"));
    assertTrue(e.getMessage().contains("unknown CIFAR-10 split 'valid'"), e.getMessage());
  }
}
