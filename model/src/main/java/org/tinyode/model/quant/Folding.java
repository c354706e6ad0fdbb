package org.tinyode.model.quant;

/**
 * BatchNorm folding (docs/fixed-point.md section 4), computed in float64 from the float32 parameters:
 * {@code s = gamma / sqrt(var + eps)}, {@code w' = w * s}, {@code b' = beta + (b - mean) * s} per output channel.
 */
public final class Folding {
  /** BatchNorm epsilon (PyTorch default) used everywhere. */
  public static final double BN_EPS = 1e-5;

  private Folding() {}

  /** Folded weights ({@code [out][rest]} row-major, float64) and biases. */
  public record Folded(double[] weight, double[] bias) {}

  /**
   * @param weight conv weight {@code [out][in][kh][kw]} flattened
   * @param bias conv bias {@code [out]} or null (= 0)
   */
  public static Folded foldBn(float[] weight, float[] bias, float[] gamma, float[] beta, float[] mean,
      float[] var, double eps) {
    int out = gamma.length;
    int per = weight.length / out;
    if (per * out != weight.length || beta.length != out || mean.length != out || var.length != out
        || (bias != null && bias.length != out)) {
      throw new IllegalArgumentException("BN folding: inconsistent sizes");
    }
    double[] w = new double[weight.length];
    double[] b = new double[out];
    for (int c = 0; c < out; c++) {
      double s = gamma[c] / Math.sqrt((double) var[c] + eps);
      for (int i = c * per; i < (c + 1) * per; i++) {
        w[i] = weight[i] * s;
      }
      b[c] = beta[c] + ((bias == null ? 0.0 : bias[c]) - mean[c]) * s;
    }
    return new Folded(w, b);
  }

  /** No BN: weights widened to float64, bias as given (null = 0), both multiplied by {@code scale}. */
  public static Folded scaled(float[] weight, float[] bias, int out, double scale) {
    double[] w = new double[weight.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = weight[i] * scale;
    }
    double[] b = new double[out];
    for (int c = 0; c < out; c++) {
      b[c] = (bias == null ? 0.0 : bias[c]) * scale;
    }
    return new Folded(w, b);
  }
}
