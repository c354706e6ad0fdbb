package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10BinaryDatasetTest {

  @TempDir Path tmp;

  @Test
  void transposesColumnMajorPlanesAndShiftsLabels() throws Exception {
    Stl10Fixtures.write(tmp, "test", new byte[] {3, 10});
    try (ImageDataset ds = Datasets.open(tmp, null, null)) {
      assertEquals("stl10", ds.format());
      assertEquals("test", ds.split());
      assertEquals(2, ds.size());
      assertEquals(Stl10BinaryDataset.STANDARD_CLASSES, ds.classNames());
      assertEquals(2, ds.label(0));
      assertEquals(9, ds.label(1));
      for (int i = 0; i < 2; i++) {
        Example e = ds.get(i);
        assertEquals("stl10/test/" + i, e.id());
        for (int y = 0; y < 96; y += 5) {
          for (int x = 0; x < 96; x += 3) {
            for (int c = 0; c < 3; c++) {
              assertEquals(Stl10Fixtures.value(i, x, y, c), e.channel(x, y, c), "x=" + x + " y=" + y + " c=" + c);
            }
          }
        }
      }
      // Hand check: pixel (x=1, y=0) red = 3, pixel (x=0, y=1) red = 7 (no transpose would swap them).
      assertEquals(3, ds.get(0).channel(1, 0, 0));
      assertEquals(7, ds.get(0).channel(0, 1, 0));
    }
  }

  @Test
  void findsStl10BinarySubfolderAndClassNamesFile() throws Exception {
    Path inner = tmp.resolve("stl10_binary");
    Stl10Fixtures.write(inner, "train", new byte[] {1, 2});
    Files.writeString(inner.resolve("class_names.txt"), "a\nb\n");
    try (ImageDataset ds = Datasets.open(tmp, "stl10", "train")) {
      assertEquals(List.of("a", "b"), ds.classNames());
      assertEquals(1, ds.label(1));
    }
  }

  @Test
  void unlabeledSplitNeedsNoLabelFile() throws Exception {
    Stl10Fixtures.write(tmp, "unlabeled", new byte[] {1});
    Files.delete(tmp.resolve("unlabeled_y.bin"));
    try (ImageDataset ds = Datasets.open(tmp, "stl10", "unlabeled")) {
      assertEquals(-1, ds.label(0));
      assertEquals(-1, ds.get(0).label());
    }
  }

  @Test
  void readsFolds() throws Exception {
    Stl10Fixtures.write(tmp, "train", new byte[] {1});
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 10; k++) {
      b.append(k).append(' ').append(k + 100).append(" \n");
    }
    Files.writeString(tmp.resolve("fold_indices.txt"), b);
    try (Stl10BinaryDataset ds = Stl10BinaryDataset.open(tmp, "train")) {
      assertArrayEquals(new int[] {3, 103}, ds.fold(3));
      DatasetException e = assertThrows(DatasetException.class, () -> ds.fold(10));
      assertTrue(e.getMessage().contains("fold_indices.txt"), e.getMessage());
    }
  }

  @Test
  void truncatedImageFileNamesRecordAndOffset() throws Exception {
    Stl10Fixtures.write(tmp, "test", new byte[] {1, 2});
    Files.write(tmp.resolve("test_X.bin"), new byte[5], StandardOpenOption.APPEND);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "stl10", "test"));
    assertEquals(DatasetException.Kind.TRUNCATED, e.getKind());
    assertEquals(2, e.getRecord());
    assertEquals(2L * 27648, e.getByteOffset());
    assertTrue(e.getMessage().contains("test_X.bin, record 2, byte offset 55296"), e.getMessage());
    assertTrue(e.getMessage().contains("27648"), e.getMessage());
  }

  @Test
  void labelOutOfRangeNamesRecord() throws Exception {
    Stl10Fixtures.write(tmp, "test", new byte[] {1, 11});
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "stl10", "test"));
    assertEquals(DatasetException.Kind.LABEL_OUT_OF_RANGE, e.getKind());
    assertTrue(e.getMessage().contains("test_y.bin, record 1, byte offset 1: label 11 outside 1..10"),
        e.getMessage());
    Stl10Fixtures.write(tmp, "test", new byte[] {0, 1});
    e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "stl10", "test"));
    assertTrue(e.getMessage().contains("record 0"), e.getMessage());
  }

  @Test
  void labelCountMismatch() throws Exception {
    Stl10Fixtures.write(tmp, "test", new byte[] {1, 2});
    Files.write(tmp.resolve("test_y.bin"), new byte[] {1, 2, 3});
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "stl10", "test"));
    assertEquals(DatasetException.Kind.COUNT_MISMATCH, e.getKind());
    assertTrue(e.getMessage().contains("test_y.bin, record 2: 3 labels but test_X.bin holds 2 images"),
        e.getMessage());
  }

  @Test
  void missingFiles() throws Exception {
    Stl10Fixtures.write(tmp, "test", new byte[] {1});
    Files.delete(tmp.resolve("test_y.bin"));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "stl10", "test"));
    assertEquals(DatasetException.Kind.MISSING_FILE, e.getKind());
    assertTrue(e.getMessage().contains("test_y.bin: no such file"), e.getMessage());
    e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "stl10", "train"));
    assertTrue(e.getMessage().contains("train_X.bin: no such file"), e.getMessage());
  }
}
