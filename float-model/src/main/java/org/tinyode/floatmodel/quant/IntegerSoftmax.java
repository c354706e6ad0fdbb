package org.tinyode.floatmodel.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.tinyode.model.quant.IntSoftmax;

/**
 * The MHSA integer softmax of docs/fixed-point.md section 6, steps 1-6, on float64 tensors holding integers
 * (products reach about 2^40, beyond fp32). Rows are the last axis.
 */
public final class IntegerSoftmax {

  /** {@code round(log2(e) * 2^16)}. */
  public static final long LOG2E_Q16 = IntSoftmax.LOG2E_Q16;
  /** {@code EXP2_LUT[t] = round(2^15 * 2^(-t/256))}: the model module's table (one implementation). */
  private static final int[] EXP2_LUT = IntSoftmax.exp2Lut();

  private IntegerSoftmax() {}

  /**
   * Probabilities {@code p} in [0, 255] (scale 2^-8), float64, same shape as {@code logits}.
   *
   * @param logits integer logits {@code L_ij} (any float type), scale {@code 2^-fl}
   * @param fl {@code f_q + f_k}
   */
  public static NDArray apply(NDArray logits, int fl) {
    NDManager m = logits.getManager();
    NDArray l = logits.stopGradient().toType(DataType.FLOAT64, false);
    int last = l.getShape().dimension() - 1;
    NDArray delta = l.sub(l.max(new int[] {last}, true));                       // <= 0
    NDArray u = rshift(delta.mul((double) LOG2E_Q16), fl);                      // Q16, <= 0
    NDArray n = u.neg();
    NDArray ip = n.div(65536.0).floor();
    NDArray hi = n.div(256.0).floor();
    NDArray fr = hi.sub(hi.div(256.0).floor().mul(256.0));                      // (n >> 8) & 0xFF
    double[] lutD = new double[256];
    for (int t = 0; t < 256; t++) {
      lutD[t] = EXP2_LUT[t];
    }
    NDArray lut = m.create(lutD);
    NDArray e0 = lut.take(m, fr.toType(DataType.INT64, false));                 // EXP2_LUT[fr]
    double[] pow2 = new double[17];
    for (int k = 0; k <= 16; k++) {
      pow2[k] = Math.scalb(1.0, -k);
    }
    NDArray pow = m.create(pow2).take(m, ip.clip(0, 16).toType(DataType.INT64, false));   // 2^-ip (exact)
    NDArray e = e0.mul(pow).floor();                                             // LUT >> ip; 0 for ip >= 16
    NDArray s = e.sum(new int[] {last}, true);                                   // >= 32768
    NDArray r = m.create(2147483648.0).div(s).floor();                           // floor(2^31 / S)
    return e.mul(r).add(4194304.0).div(8388608.0).floor().minimum(255.0);        // (e*R + 2^22) >> 23, <= 255
  }

  /** {@code rshift(v, s)} of section 2 on integer-valued float64 (left shifts saturate to int32). */
  static NDArray rshift(NDArray v, int s) {
    if (s > 0) {
      return v.mul(Math.scalb(1.0, -s)).add(0.5).floor();
    }
    if (s == 0) {
      return v;
    }
    return v.mul(Math.scalb(1.0, -s)).clip(-2147483648.0, 2147483647.0);
  }
}
