package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

  @TempDir Path tmp;

  /** Entries deliberately out of order: the reader must sort classes and files by name. */
  private Map<String, byte[]> tree() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("test/zebra/b.png", TestImages.png(4, 3, 50));
    m.put("test/ant/2.png", TestImages.png(4, 3, 20));
    m.put("test/ant/1.png", TestImages.png(4, 3, 10));
    m.put("test/zebra/a.png", TestImages.png(4, 3, 40));
    m.put("train/ant/9.png", TestImages.png(4, 3, 90));
    return m;
  }

  private static void assertSortedContent(ImageDataset ds) throws Exception {
    assertEquals("folder", ds.format());
    assertEquals("test", ds.split());
    assertEquals(List.of("ant", "zebra"), ds.classNames());
    assertEquals(4, ds.size());
    assertEquals(4, ds.width());
    assertEquals(3, ds.height());
    int[] seeds = {10, 20, 40, 50};
    int[] labels = {0, 0, 1, 1};
    for (int i = 0; i < 4; i++) {
      Example e = ds.get(i);
      assertEquals(labels[i], e.label());
      assertEquals(labels[i], ds.label(i));
      assertEquals(ds.name() + "/test/" + i, e.id());
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          for (int c = 0; c < 3; c++) {
            assertEquals(TestImages.expected(x, y, c, seeds[i]), e.channel(x, y, c), "i=" + i + " x=" + x + " y=" + y);
          }
        }
      }
    }
  }

  @Test
  void readsFolderSortedClassMajor() throws Exception {
    Path root = tmp.resolve("toy");
    TestImages.writeTree(root, tree());
    try (ImageDataset ds = Datasets.open(root, null, "test")) {
      assertEquals("toy", ds.name());
      assertSortedContent(ds);
    }
  }

  @Test
  void acceptsTheSplitFolderItself() throws Exception {
    Path root = tmp.resolve("toy");
    TestImages.writeTree(root, tree());
    try (ImageDataset ds = Datasets.open(root.resolve("test"), "folder", null)) {
      assertEquals("toy", ds.name());
      assertSortedContent(ds);
    }
  }

  @Test
  void severalSplitsWithoutChoiceIsAnError() throws Exception {
    Path root = tmp.resolve("toy");
    TestImages.writeTree(root, tree());
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(root, null, null));
    assertTrue(e.getMessage().contains("several splits"), e.getMessage());
  }

  @Test
  void readsTarGzAndTarWithoutExtracting() throws Exception {
    for (String name : new String[] {"toy.tar.gz", "toy.tar"}) {
      Path archive = tmp.resolve(name);
      TestImages.writeTar(archive, tree());
      try (ImageDataset ds = Datasets.open(archive, null, "test")) {
        assertEquals("toy", ds.name());
        assertSortedContent(ds);
        assertTrue(((ImageFolderDataset) ds).source(0).endsWith(name + "!test/ant/1.png"));
      }
    }
  }

  @Test
  void convertsGreyPaletteAndRgbaToRgb() throws Exception {
    BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 7);
    grey.getRaster().setSample(1, 0, 0, 200);
    BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    rgba.setRGB(0, 0, 0x10_01_02_03);
    rgba.setRGB(1, 0, 0xFF_FF_80_00);
    BufferedImage palette = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
    palette.setRGB(1, 0, 0xFFFFFFFF);
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("s/a/grey.png", TestImages.encode(grey, "png"));
    m.put("s/b/rgba.png", TestImages.encode(rgba, "png"));
    m.put("s/c/palette.png", TestImages.encode(palette, "png"));
    TestImages.writeTree(tmp, m);
    try (ImageDataset ds = Datasets.open(tmp, "folder", "s")) {
      assertArrayEquals(new byte[] {7, 7, 7, (byte) 200, (byte) 200, (byte) 200}, ds.get(0).rgb());
      assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xFF, (byte) 0x80, 0}, ds.get(1).rgb());
      assertArrayEquals(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255}, ds.get(2).rgb());
    }
  }

  @Test
  void readsJpegApproximately() throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        img.setRGB(x, y, 0xC86432);
      }
    }
    m.put("t/flat/x.jpg", TestImages.encode(img, "jpg"));
    TestImages.writeTree(tmp, m);
    try (ImageDataset ds = Datasets.open(tmp, null, "t")) {
      Example e = ds.get(0);
      assertTrue(Math.abs(e.channel(5, 5, 0) - 200) <= 3 && Math.abs(e.channel(5, 5, 2) - 50) <= 3);
    }
  }

  @Test
  void sharedCifarTestArchive() throws Exception {
    Path shared = TestImages.sharedDatasets();
    Assumptions.assumeTrue(shared != null, "shared datasets not present: tinyode.root/../shared/datasets");
    Path archive = shared.resolve("cifar10/cifar10-test.tar.gz");
    Assumptions.assumeTrue(Files.exists(archive), "shared datasets not present: " + archive);
    try (ImageDataset ds = Datasets.open(archive, null, "test")) {
      assertEquals(10_000, ds.size());
      assertEquals(Cifar10BinaryDataset.STANDARD_CLASSES, ds.classNames());
      assertEquals(32, ds.width());
      assertEquals(32, ds.height());
      int[] perClass = new int[10];
      IntStream.range(0, ds.size()).forEach(i -> perClass[ds.label(i)]++);
      assertArrayEquals(IntStream.generate(() -> 1000).limit(10).toArray(), perClass);
      AtomicInteger decoded = new AtomicInteger();
      IntStream.range(0, ds.size()).parallel().forEach(i -> {
        try {
          if (ds.get(i).rgb().length == 32 * 32 * 3) {
            decoded.incrementAndGet();
          }
        } catch (DatasetException e) {
          throw new AssertionError(e);
        }
      });
      assertEquals(10_000, decoded.get());
    }
  }
}
