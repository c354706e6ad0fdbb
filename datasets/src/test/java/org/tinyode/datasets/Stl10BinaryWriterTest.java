package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10BinaryWriterTest {

  @TempDir Path tmp;

  @Test
  void roundTripsFolderThroughStl10Layout() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("test/airplane/a.png", TestImages.png(96, 96, 1));
    m.put("test/bird/b.png", TestImages.png(96, 96, 2));
    m.put("test/bird/c.png", TestImages.png(96, 96, 3));
    TestImages.writeTree(tmp.resolve("src"), m);
    Path out = tmp.resolve("out");
    try (ImageDataset src = Datasets.open(tmp.resolve("src"), null, "test")) {
      assertEquals(3, Stl10BinaryWriter.write(src, out, "test", 2));
      assertArrayEquals(new byte[] {1, 2, 2}, Files.readAllBytes(out.resolve("test_y.bin")));
      assertEquals(3L * 27648, Files.size(out.resolve("test_X.bin")));
      // Hand check of the on-disk layout: R plane of image 0 is column-major, so byte 1 is pixel (x=0, y=1).
      byte[] x = Files.readAllBytes(out.resolve("test_X.bin"));
      assertEquals(TestImages.expected(0, 1, 0, 1), x[1] & 0xFF);
      assertEquals(TestImages.expected(1, 0, 0, 1), x[96] & 0xFF);
      try (ImageDataset back = Datasets.open(out, null, "test")) {
        assertEquals(src.classNames(), back.classNames());
        for (int i = 0; i < 3; i++) {
          assertEquals(src.label(i), back.label(i));
          assertArrayEquals(src.get(i).rgb(), back.get(i).rgb(), "image " + i);
        }
      }
    }
  }

  @Test
  void standardClassNamesFileMatchesOfficialMd5() throws Exception {
    Stl10Fixtures.write(tmp.resolve("in"), "test", new byte[] {1});
    try (ImageDataset src = Datasets.open(tmp.resolve("in"), "stl10", "test")) {
      Stl10BinaryWriter.write(src, tmp.resolve("out"), "test", 1);
    }
    assertEquals(Stl10Checksums.OFFICIAL_MD5.get("class_names.txt"),
        Stl10Checksums.md5(tmp.resolve("out/class_names.txt")));
  }

  @Test
  void rejectsWrongImageSizeNamingTheRecord() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("test/a/x.png", TestImages.png(32, 32, 1));
    TestImages.writeTree(tmp.resolve("src"), m);
    try (ImageDataset src = Datasets.open(tmp.resolve("src"), null, "test")) {
      DatasetException e = assertThrows(DatasetException.class,
          () -> Stl10BinaryWriter.write(src, tmp.resolve("out"), "test", 1));
      assertEquals(DatasetException.Kind.WRONG_IMAGE_SIZE, e.getKind());
      assertTrue(e.getMessage().contains("src/test/0, record 0: image is 32x32; the STL-10 layout needs 96x96"),
          e.getMessage());
    }
  }

  @Test
  void failedConversionLeavesNoFilesThatLookComplete() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("test/a/1.png", TestImages.png(96, 96, 1));
    m.put("test/a/2.png", TestImages.png(96, 96, 2));
    m.put("test/a/3.png", "not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    TestImages.writeTree(tmp.resolve("src"), m);
    Path out = tmp.resolve("out");
    try (ImageDataset src = Datasets.open(tmp.resolve("src"), null, "test")) {
      DatasetException e = assertThrows(DatasetException.class, () -> Stl10BinaryWriter.write(src, out, "test", 1));
      assertTrue(e.getMessage().contains("record 2"), e.getMessage());
    }
    try (var files = Files.list(out)) {
      assertEquals(java.util.List.of(), files.map(p -> p.getFileName().toString()).toList(),
          "a failed conversion must not leave output files behind");
    }
  }
}
