package org.tinyode.model.golden;

import org.tinyode.model.spec.FeatureShape;

/**
 * Fixed geometry of one conv layer on a fixed input size. The input is split into {@code stride^2} zero-padded
 * phase planes ({@code plane(py,px)[i][j] = xpad[stride*i + py][stride*j + px]}) so that every tap becomes a
 * contiguous, vectorisable pass: output {@code (y, x)} lives at {@code y * wq + x} of a flat accumulator of
 * {@code span} elements (columns {@code x >= wo} are junk and ignored).
 */
record ConvGeometry(int cin, int h, int w, int k, int stride, int pad, int ho, int wo, int hq, int wq, int planeSize,
    int span) {

  static ConvGeometry of(int cin, int h, int w, int k, int stride, int pad) {
    int hp = h + 2 * pad;
    int wp = w + 2 * pad;
    int ho = FeatureShape.convOut(h, k, stride, pad);
    int wo = FeatureShape.convOut(w, k, stride, pad);
    int hq = (hp + stride - 1) / stride;
    int wq = (wp + stride - 1) / stride;
    int planeSize = (hq + 1) * wq; // one spare row keeps every tap pass in bounds
    int span = (ho - 1) * wq + wo;
    return new ConvGeometry(cin, h, w, k, stride, pad, ho, wo, hq, wq, planeSize, span);
  }

  int planesLength() {
    return cin * stride * stride * planeSize;
  }

  /** Offset of tap (ci, ky, kx) in the planes buffer. */
  int tapOffset(int ci, int ky, int kx) {
    int plane = (ci * stride + ky % stride) * stride + kx % stride;
    return plane * planeSize + (ky / stride) * wq + kx / stride;
  }

  /** Taps per input-channel block: at most 1024 (exactness) and about 256 KB of columns (cache). */
  int ciBlock() {
    int kk = k * k;
    int taps = Math.min(1024, Math.max(kk, 65536 / Math.max(1, span)));
    return Math.max(1, Math.min(cin, taps / kk));
  }

  /** Copies the tap columns of input channels {@code [ci0, ci1)} into {@code cols[t]}, t = (ci-ci0)*k*k + ky*k + kx. */
  void fillCols(float[] planes, int ci0, int ci1, float[][] cols) {
    int t = 0;
    for (int ci = ci0; ci < ci1; ci++) {
      for (int ky = 0; ky < k; ky++) {
        for (int kx = 0; kx < k; kx++) {
          System.arraycopy(planes, tapOffset(ci, ky, kx), cols[t++], 0, span);
        }
      }
    }
  }

  /** Writes the phase planes of {@code in} ({@code [cin][h][w]}) into {@code planes}. */
  void fillPlanes(float[] in, float[] planes) {
    java.util.Arrays.fill(planes, 0, planesLength(), 0f);
    for (int c = 0; c < cin; c++) {
      for (int y = 0; y < h; y++) {
        int yy = y + pad;
        int rowBase = (c * stride + yy % stride) * stride;
        int inRow = (c * h + y) * w;
        int qy = yy / stride;
        if (stride == 1) {
          System.arraycopy(in, inRow, planes, rowBase * planeSize + qy * wq + pad, w);
          continue;
        }
        for (int px = 0; px < stride; px++) {
          int x0 = Math.floorMod(px - pad, stride); // first x with (x + pad) % stride == px
          int dst = (rowBase + px) * planeSize + qy * wq + (x0 + pad) / stride;
          for (int x = x0; x < w; x += stride) {
            planes[dst++] = in[inRow + x];
          }
        }
      }
    }
  }
}
