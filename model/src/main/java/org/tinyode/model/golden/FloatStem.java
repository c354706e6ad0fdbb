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
  private final FloatConv conv;
  private final int cout;
  private final int poolK;
  private final int poolS;
  private final int poolP;
  private final FeatureShape out;
  private final int fOut;
  /** {@code 2^fOut} as a double: {@code x * scale} is exactly {@code scalb(x, fOut)} for float32 {@code x}. */
  private final double scale;
  /** Per channel and byte value: {@code (v/255 - mean)/std} in float32, the same expression precomputed. */
  private final float[] norm;

  FloatStem(ModelSpec spec, float[] weight, float[] bias, int fOut) {
    StemSpec st = spec.stem();
    this.h = spec.input().height();
    this.w = spec.input().width();
    this.mean = spec.input().mean().clone();
    this.std = spec.input().std().clone();
    this.g = ConvGeometry.of(3, h, w, st.kernel(), st.stride(), st.padding());
    this.cout = st.outChannels();
    this.conv = new FloatConv(g, weight, bias, cout, true);
    this.poolK = st.poolKernel();
    this.poolS = st.poolStride();
    this.poolP = st.poolPadding();
    this.out = spec.stemOutput();
    this.fOut = fOut;
    this.scale = Math.scalb(1.0, fOut);
    this.norm = new float[3 * 256];
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        norm[c * 256 + v] = (v / 255f - mean[c]) / std[c];
      }
    }
  }

  FeatureShape outShape() {
    return out;
  }

  /** {@code rgb}: HWC bytes; {@code y}: {@code [C][H'][W']} int8 values of {@code stem.out}. */
  void run(byte[] rgb, float[] y, Scratch s) {
    float[] c = s.floats(Scratch.STEM_CONV, cout * g.ho() * g.wo());
    conv.run(normalise(rgb, s), c, s);
    pool(c, y, true);
  }

  /** The float stem output before quantization (float reference). */
  void runFloat(byte[] rgb, float[] y, Scratch s) {
    float[] c = s.floats(Scratch.STEM_CONV, cout * g.ho() * g.wo());
    conv.run(normalise(rgb, s), c, s);
    pool(c, y, false);
  }

  private float[] normalise(byte[] rgb, Scratch s) {
    if (rgb.length != h * w * 3) {
      throw new IllegalArgumentException("image has " + rgb.length + " bytes, the spec input " + h + "x" + w
          + "x3 needs " + h * w * 3);
    }
    float[] x = s.floats(Scratch.STEM_IN, 3 * h * w);
    for (int c = 0; c < 3; c++) {
      int lut = c * 256;
      for (int i = 0; i < h * w; i++) {
        x[c * h * w + i] = norm[lut + (rgb[i * 3 + c] & 0xFF)];
      }
    }
    return x;
  }

  /**
   * {@code FixedPoint.quantize(m, fOut)}; for |fOut| &lt;= 100, {@code scalb(m, f)} is the exact double product
   * {@code m * 2^f} (no overflow or underflow for any float32 m), which is cheaper.
   */
  private float quantize(float m) {
    if (Math.abs(fOut) > 100) {
      return FixedPoint.quantize(m, fOut);
    }
    return FixedPoint.sat8((long) Math.floor(m * scale + 0.5));
  }

  private void pool(float[] conv, float[] y, boolean quantize) {
    int ho = g.ho();
    int wo = g.wo();
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
          y[(c * oh + py) * ow + px] = quantize ? quantize(m) : m;
        }
      }
    }
  }
}
