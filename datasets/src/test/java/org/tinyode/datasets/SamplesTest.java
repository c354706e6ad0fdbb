package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled samples under {@code samples/} read as documented in their NOTICE files. */
class SamplesTest {

  private static final Path SAMPLES = TestImages.projectRoot().resolve("samples");

  @Test
  void stl10Samples() throws Exception {
    try (ImageDataset ds = Datasets.open(SAMPLES.resolve("stl10"), null, "test")) {
      assertEquals(10, ds.size());
      assertEquals(Stl10BinaryDataset.STANDARD_CLASSES, ds.classNames());
      assertEquals(96, ds.width());
      for (int i = 0; i < 10; i++) {
        assertEquals(i, ds.label(i));
        assertEquals(96 * 96 * 3, ds.get(i).rgb().length);
      }
    }
  }

  @Test
  void cifar10Samples() throws Exception {
    try (ImageDataset ds = Datasets.open(SAMPLES.resolve("cifar10"), null, null)) {
      assertEquals("test", ds.split());
      assertEquals(1000, ds.size());
      assertEquals(Cifar10BinaryDataset.STANDARD_CLASSES, ds.classNames());
      assertEquals(32, ds.width());
      assertEquals(32, ds.height());
      for (int i = 0; i < ds.size(); i++) {
        assertEquals(i / 100, ds.label(i));
        ds.get(i);
      }
    }
  }
}
