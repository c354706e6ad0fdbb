package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input for the image folder / archive reader: each is a typed, per-record DatasetException. */
class ImageFolderBadInputTest {

  @TempDir Path tmp;

  private Path tree() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("test/a/0.png", TestImages.png(4, 4, 1));
    byte[] png = TestImages.png(4, 4, 2);
    m.put("test/a/1.png", Arrays.copyOf(png, png.length / 2)); // truncated PNG
    m.put("test/b/0.png", "not an image at all".getBytes());
    m.put("test/b/1.png", TestImages.png(5, 4, 3)); // wrong size
    m.put("test/b/2.png", TestImages.png(4, 4, 4));
    TestImages.writeTree(tmp.resolve("bad"), m);
    return tmp.resolve("bad");
  }

  @Test
  void corruptAndWronglySizedImagesArePerRecordErrors() throws Exception {
    try (ImageDataset ds = Datasets.open(tree(), null, "test")) {
      assertEquals(5, ds.size(), "the scan must not fail on bad images");
      assertEquals(4, ds.width());
      ds.get(0);
      ds.get(4);
      DatasetException e = assertThrows(DatasetException.class, () -> ds.get(1));
      assertEquals(DatasetException.Kind.UNDECODABLE_IMAGE, e.getKind());
      assertEquals(1, e.getRecord());
      assertTrue(e.getMessage().contains("a/1.png, record 1: cannot decode image"), e.getMessage());
      e = assertThrows(DatasetException.class, () -> ds.get(2));
      assertEquals(DatasetException.Kind.UNDECODABLE_IMAGE, e.getKind());
      assertTrue(e.getMessage().contains("b/0.png, record 2: cannot decode image: not a recognised image format"),
          e.getMessage());
      e = assertThrows(DatasetException.class, () -> ds.get(3));
      assertEquals(DatasetException.Kind.WRONG_IMAGE_SIZE, e.getKind());
      assertTrue(e.getMessage().contains("b/1.png, record 3: image is 5x4, dataset images are 4x4"), e.getMessage());
    }
  }

  @Test
  void unreadableFileIsPerRecordError() throws Exception {
    Path root = tree();
    try (ImageDataset ds = Datasets.open(root, null, "test")) {
      Files.delete(root.resolve("test/b/2.png"));
      DatasetException e = assertThrows(DatasetException.class, () -> ds.get(4));
      assertEquals(DatasetException.Kind.UNREADABLE, e.getKind());
      assertTrue(e.getMessage().contains("b/2.png, record 4: cannot read file"), e.getMessage());
    }
  }

  @Test
  void missingPathAndSplit() throws Exception {
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp.resolve("nope"), null, null));
    assertEquals(DatasetException.Kind.MISSING_FILE, e.getKind());
    assertTrue(e.getMessage().contains("nope: no such file or folder"), e.getMessage());
    Path root = tree();
    e = assertThrows(DatasetException.class, () -> Datasets.open(root, null, "train"));
    assertEquals(DatasetException.Kind.MISSING_FILE, e.getKind());
    assertTrue(e.getMessage().contains("train: no split folder 'train'"), e.getMessage());
  }

  @Test
  void truncatedArchiveNamesOffset() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      m.put("test/a/" + i + ".png", TestImages.png(16, 16, i));
    }
    Path archive = tmp.resolve("t.tar.gz");
    TestImages.writeTar(archive, m);
    byte[] all = Files.readAllBytes(archive);
    Files.write(archive, Arrays.copyOf(all, all.length / 2));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(archive, null, "test"));
    assertTrue(e.getMessage().contains("t.tar.gz"), e.getMessage());
    assertTrue(e.getByteOffset() >= 0, e.getMessage());
    assertTrue(e.getMessage().contains("byte offset"), e.getMessage());
  }

  @Test
  void archiveWithoutRequestedSplit() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("train/a/0.png", TestImages.png(4, 4, 1));
    Path archive = tmp.resolve("t.tar");
    TestImages.writeTar(archive, m);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(archive, null, "test"));
    assertTrue(e.getMessage().contains("t.tar: no images for split 'test' (splits found: [train])"), e.getMessage());
  }

  @Test
  void unknownFormat() {
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(tmp, "mnist", null));
    assertEquals(DatasetException.Kind.INVALID_REQUEST, e.getKind());
    assertTrue(e.getMessage().contains("unknown format 'mnist'"), e.getMessage());
  }
}
