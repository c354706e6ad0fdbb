package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class RgbImageDecoderTest {

  @Test
  void sixteenBitGreyKeepsTopByte() throws Exception {
    BufferedImage g = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    g.getRaster().setSample(0, 0, 0, 0x1234);
    g.getRaster().setSample(1, 0, 0, 0xFFFF);
    RgbImageDecoder.Rgb rgb = RgbImageDecoder.decode(TestImages.encode(g, "png"));
    assertArrayEquals(new byte[] {0x12, 0x12, 0x12, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, rgb.rgb());
  }

  @Test
  void bgrRasterBecomesRgbRowMajor() throws Exception {
    BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
    img.setRGB(1, 0, 0x0A0B0C); // x=1, y=0
    img.setRGB(0, 1, 0x010203); // x=0, y=1
    RgbImageDecoder.Rgb rgb = RgbImageDecoder.decode(TestImages.encode(img, "png"));
    assertEquals(2, rgb.width());
    assertArrayEquals(new byte[] {0, 0, 0, 10, 11, 12, 1, 2, 3, 0, 0, 0}, rgb.rgb());
  }

  @Test
  void garbageIsIoException() {
    assertThrows(IOException.class, () -> RgbImageDecoder.decode(new byte[] {1, 2, 3}));
    assertThrows(IOException.class, () -> RgbImageDecoder.decode(new byte[0]));
  }
}
