package org.tinyode.floatmodel.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Tensor forms of docs/fixed-point.md sections 2 and 4 on float tensors holding integers. Every rounding is
 * {@code floor(v + 0.5)} (round half up) with a straight-through gradient: the forward value is the rounded one,
 * the gradient that of the identity (inside the saturation range; outside, the clamp's zero gradient).
 *
 * <p>Because every scale is a power of two and inputs are integers, these operations equal the integer
 * {@code rshift}/{@code sat8} rules exactly as long as the float type holds the integers exactly (fp32 below 2^24,
 * fp64 below 2^53).
 */
public final class FakeQuant {

  private FakeQuant() {}

  /**
   * {@code floor(v + 0.5)} forward, identity backward. Exact: {@code r - v} is exactly representable for an integer
   * {@code r} within 0.5 of {@code v} (Sterbenz), so {@code v + (r - v)} is exactly {@code r}.
   */
  public static NDArray roundHalfUp(NDArray v) {
    NDArray rounded = v.add(0.5).floor();
    return v.add(rounded.sub(v).stopGradient());
  }

  /** {@code sat(floor(v * 2^shift + 0.5))} into [lo, hi]: rshift by {@code -shift}, then saturate. */
  public static NDArray requantize(NDArray v, int shift, double lo, double hi) {
    return roundHalfUp(v.mul(Math.scalb(1.0, shift)).clip(lo, hi));
  }

  /** Per-output-channel version: {@code scale} holds {@code 2^shift[c]} with shape {@code [1, C, 1, 1]}. */
  public static NDArray requantize(NDArray v, NDArray scale, double lo, double hi) {
    return roundHalfUp(v.mul(scale).clip(lo, hi));
  }

  /** Real {@code x} to format {@code f}: {@code sat8(floor(x * 2^f + 0.5))} (section 2). */
  public static NDArray quantize8(NDArray x, int f) {
    return requantize(x, f, -128, 127);
  }

  /** {@code [1, C, 1, 1]} array of {@code 2^shift[c]} in {@code type}. */
  public static NDArray channelScale(NDManager manager, int[] shift, DataType type) {
    double[] s = new double[shift.length];
    for (int c = 0; c < s.length; c++) {
      s[c] = Math.scalb(1.0, shift[c]);
    }
    return manager.create(s, new Shape(1, s.length, 1, 1)).toType(type, false);
  }

  /**
   * One FPGA conv layer (section 4): {@code acc = bias + sum x*w}; ReLU if asked; {@code y = sat8(rshift(acc,
   * fIn + fw[c] - fOut))}.
   *
   * @param xq input integers (format fIn), {@code [B, Cin, H, W]}
   * @param wq weight integers, {@code [Cout, Cin, k, k]}
   * @param bq bias integers at the accumulator scale, {@code [Cout]}
   */
  public static NDArray conv(NDArray xq, int fIn, NDArray wq, int[] fw, NDArray bq, int stride, int pad,
      boolean relu, int fOut) {
    NDArray acc = Conv2d.conv2d(xq, wq, bq, new Shape(stride, stride), new Shape(pad, pad)).singletonOrThrow();
    if (relu) {
      acc = acc.maximum(0);
    }
    int[] shift = new int[fw.length];
    for (int c = 0; c < fw.length; c++) {
      shift[c] = fOut - fIn - fw[c];
    }
    return requantize(acc, channelScale(xq.getManager(), shift, acc.getDataType()), -128, 127);
  }
}
