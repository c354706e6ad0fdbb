package org.tinyode.model.golden;

import org.tinyode.model.quant.FixedPoint;
import org.tinyode.model.spec.FeatureShape;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StemSpec;

/**
 * The software stem in float32 (docs/fixed-point.md section 7): normalise {@code (x/255 - mean)/std}, conv with
 * BN folded (each output accumulated from its bias in the order input channel, ky, kx, one float32 product and one
 * float32 add at a time), ReLU, max-pool, quantize to {@code stem.out} (float64 rounding rule).
 */
final class FloatStem {
  private final int h;
  private final int w;
  private final float[] mean;
  private final float[] std;
  private final ConvGeometry g;
  private final float[] weight;
  private final float[] bias;
  private final int cout;
  private final int poolK;
  private final int poolS;
  private final int poolP;
  private final FeatureShape out;
  private final int fOut;

  FloatStem(ModelSpec spec, float[] weight, float[] bias, int fOut) {
    StemSpec st = spec.stem();
    this.h = spec.input().height();
    this.w = spec.input().width();
    this.mean = spec.input().mean().clone();
    this.std = spec.input().std().clone();
    this.g = ConvGeometry.of(3, h, w, st.kernel(), st.stride(), st.padding());
    this.weight = weight.clone();
    this.bias = bias.clone();
    this.cout = st.outChannels();
    this.poolK = st.poolKernel();
    this.poolS = st.poolStride();
    this.poolP = st.poolPadding();
    this.out = spec.stemOutput();
    this.fOut = fOut;
  }

  FeatureShape outShape() {
    return out;
  }

  /** {@code rgb}: HWC bytes; {@code y}: {@code [C][H'][W']} int8 values of {@code stem.out}. */
  void run(byte[] rgb, float[] y, Scratch s) {
    if (rgb.length != h * w * 3) {
      throw new IllegalArgumentException("image has " + rgb.length + " bytes, the spec input " + h + "x" + w
          + "x3 needs " + h * w * 3);
    }
    float[] x = s.floats(Scratch.STEM_IN, 3 * h * w);
    for (int c = 0; c < 3; c++) {
      float m = mean[c];
      float sd = std[c];
      for (int i = 0; i < h * w; i++) {
        x[c * h * w + i] = ((rgb[i * 3 + c] & 0xFF) / 255f - m) / sd;
      }
    }
    float[] planes = s.floats(Scratch.PLANES, g.planesLength());
    g.fillPlanes(x, planes);
    int span = g.span();
    int ho = g.ho();
    int wo = g.wo();
    int kk = g.k() * g.k();
    int wStride = 3 * kk;
    float[][] cols = s.rows(Scratch.ROWS_COLS, kk, span);
    float[][] acc = s.rows(Scratch.ROWS_STEM, Math.max(4, cout), span);
    for (int c = 0; c < cout; c++) {
      java.util.Arrays.fill(acc[c], 0, span, bias[c]);
    }
    // per output element: bias, then input channel 0 taps (ky, kx), channel 1, channel 2
    for (int ci = 0; ci < 3; ci++) {
      g.fillCols(planes, ci, ci + 1, cols);
      int co = 0;
      for (; co + 4 <= cout; co += 4) {
        ConvKernel.accumulate4(cols, kk, weight, co * wStride + ci * kk, wStride, acc[co], acc[co + 1],
            acc[co + 2], acc[co + 3], span);
      }
      for (; co < cout; co++) {
        ConvKernel.accumulate1(cols, kk, weight, co * wStride + ci * kk, acc[co], span);
      }
    }
    float[] conv = s.floats(Scratch.STEM_CONV, cout * ho * wo);
    for (int c = 0; c < cout; c++) {
      int o = c * ho * wo;
      for (int yy = 0; yy < ho; yy++) {
        for (int xx = 0; xx < wo; xx++) {
          float v = acc[c][yy * g.wq() + xx];
          conv[o++] = v > 0f ? v : 0f;
        }
      }
    }
    pool(conv, ho, wo, y);
  }

  private void pool(float[] conv, int ho, int wo, float[] y) {
    int oh = out.height();
    int ow = out.width();
    for (int c = 0; c < cout; c++) {
      for (int py = 0; py < oh; py++) {
        for (int px = 0; px < ow; px++) {
          float m;
          if (poolK == 0) {
            m = conv[(c * ho + py) * wo + px];
          } else {
            m = Float.NEGATIVE_INFINITY;
            for (int ky = 0; ky < poolK; ky++) {
              int yy = py * poolS - poolP + ky;
              if (yy < 0 || yy >= ho) {
                continue;
              }
              for (int kx = 0; kx < poolK; kx++) {
                int xx = px * poolS - poolP + kx;
                if (xx >= 0 && xx < wo) {
                  m = Math.max(m, conv[(c * ho + yy) * wo + xx]);
                }
              }
            }
          }
          y[(c * oh + py) * ow + px] = FixedPoint.quantize(m, fOut);
        }
      }
    }
  }
}
