package org.tinyode.model.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels ({@link TiledConv}, {@link VectorConvKernel}) against the literal transcription of
 * docs/fixed-point.md section 4 ({@link NaiveReference#conv}), in both layouts, on shapes that exercise every edge:
 * output channels not a multiple of the tile (4 / 16), positions not a multiple of the tile (24 / 6), strides,
 * paddings, more than 1024 taps (two exact float blocks), extreme int8 operands, negative and large shifts and
 * biases big enough to force the slow epilogue.
 */
class TiledConvTest {
  private static int[] run(QConv c, float[] x) {
    float[] out = new float[c.outSize()];
    c.run(x, out, new Scratch());
    int[] r = new int[out.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = (int) out[i];
    }
    return r;
  }

  private static void check(SplittableRandom r, int cin, int cout, int h, int w, int k, int stride, int pad,
      int shiftLo, int shiftHi, int biasRange, boolean extreme) {
    byte[] wq = new byte[cout * cin * k * k];
    for (int i = 0; i < wq.length; i++) {
      wq[i] = extreme ? (byte) (r.nextBoolean() ? 127 : -127) : (byte) (r.nextInt(255) - 127);
    }
    int fIn = 4;
    int fOut = 6;
    byte[] fw = new byte[cout];
    int[] bias = new int[cout];
    for (int i = 0; i < cout; i++) {
      fw[i] = (byte) (fOut - fIn + shiftLo + r.nextInt(shiftHi - shiftLo + 1)); // shift = fIn + fw - fOut
      bias[i] = (int) (r.nextLong(2L * biasRange + 1) - biasRange);
    }
    float[] x = new float[cin * h * w];
    int[] xi = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      xi[i] = extreme ? (r.nextBoolean() ? 127 : -128) : r.nextInt(256) - 128;
      x[i] = xi[i];
    }
    ConvGeometry g = ConvGeometry.of(cin, h, w, k, stride, pad);
    for (boolean relu : new boolean[] {false, true}) {
      int[] want = NaiveReference.conv(xi, cin, h, w, wq, fw, bias, cout, k, stride, pad, fIn, fOut, relu);
      for (boolean channel : new boolean[] {false, true}) {
        QConv vec = new QConv("t", wq, fw, bias, cout, g, fIn, fOut, relu, channel, true);
        QConv plain = new QConv("t", wq, fw, bias, cout, g, fIn, fOut, relu, channel, false);
        String what = Arrays.toString(new int[] {cin, cout, h, w, k, stride, pad, shiftLo, shiftHi, biasRange})
            + " relu " + relu + " channel " + channel + " extreme " + extreme;
        assertTrue(vec.vectorised(), what);
        assertArrayEquals(want, run(vec, x), "vector kernels, " + what);
        assertArrayEquals(want, run(plain, x), "plain kernels, " + what);
      }
    }
  }

  @Test
  void vectorKernelsMatchTheLiteralTranscription() {
    assumeTrue(VectorSupport.available(), "jdk.incubator.vector not loaded (run with --add-modules)");
    SplittableRandom r = new SplittableRandom(11);
    int[][] shapes = {
        // cin, cout, h, w, k, stride, pad
        {5, 6, 7, 5, 3, 1, 1}, {5, 7, 7, 5, 3, 2, 1}, {8, 17, 6, 6, 1, 1, 0}, {3, 33, 9, 9, 7, 2, 3},
        {130, 9, 4, 5, 3, 1, 1}, {64, 20, 11, 13, 3, 2, 1}, {16, 4, 25, 26, 3, 1, 1}, {300, 18, 3, 3, 1, 1, 0},
        {1, 1, 1, 1, 1, 1, 0}, {2, 3, 2, 2, 3, 1, 2}};
    for (int[] s : shapes) {
      check(r, s[0], s[1], s[2], s[3], s[4], s[5], s[6], 0, 9, 20000, false); // fast epilogue, right shifts
      check(r, s[0], s[1], s[2], s[3], s[4], s[5], s[6], -12, 3, 300, false); // left shifts (saturating)
      check(r, s[0], s[1], s[2], s[3], s[4], s[5], s[6], 20, 40, 1 << 30, false); // slow epilogue
      check(r, s[0], s[1], s[2], s[3], s[4], s[5], s[6], 0, 14, 1000, true); // extreme operands
    }
  }

  @Test
  void presetLayerShapesMatch() {
    assumeTrue(VectorSupport.available(), "jdk.incubator.vector not loaded (run with --add-modules)");
    SplittableRandom r = new SplittableRandom(12);
    int[][] shapes = {{64, 64, 24, 24, 3, 1, 1}, {64, 128, 24, 24, 3, 2, 1}, {128, 128, 12, 12, 3, 1, 1},
        {128, 256, 12, 12, 3, 2, 1}, {256, 256, 6, 6, 1, 1, 0}, {128, 128, 8, 8, 3, 1, 1}, {256, 256, 4, 4, 1, 1, 0}};
    for (int[] s : shapes) {
      check(r, s[0], s[1], s[2], s[3], s[4], s[5], s[6], 2, 10, 100000, false);
    }
  }
}
