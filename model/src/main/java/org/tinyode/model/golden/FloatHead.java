package org.tinyode.model.golden;

import org.tinyode.model.spec.FeatureShape;

/**
 * The software head: dequantize the FPGA output ({@code q * 2^-f}), global average pool, FC. Sums are exact
 * integer sums; the mean and the FC are evaluated in float64, logits rounded to float32.
 */
final class FloatHead {
  private final FeatureShape in;
  private final int f;
  private final float[] weight;
  private final float[] bias;
  private final int classes;

  FloatHead(FeatureShape in, int f, float[] weight, float[] bias) {
    this.in = in;
    this.f = f;
    this.weight = weight.clone();
    this.bias = bias.clone();
    this.classes = bias.length;
  }

  float[] run(float[] x) {
    int c = in.channels();
    int n = in.positions();
    double[] mean = new double[c];
    for (int ch = 0; ch < c; ch++) {
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += (long) x[ch * n + i];
      }
      mean[ch] = Math.scalb((double) sum, -f) / n;
    }
    float[] logits = new float[classes];
    for (int j = 0; j < classes; j++) {
      double acc = bias[j];
      for (int ch = 0; ch < c; ch++) {
        acc += (double) weight[j * c + ch] * mean[ch];
      }
      logits[j] = (float) acc;
    }
    return logits;
  }
}
