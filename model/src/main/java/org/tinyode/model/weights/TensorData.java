package org.tinyode.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named tensor: dtype, shape and its raw little-endian bytes (row-major). Immutable: factories copy their
 * input, accessors return copies.
 */
public final class TensorData {
  private final String name;
  private final DType dtype;
  private final int[] shape;
  private final byte[] data;

  private TensorData(String name, DType dtype, int[] shape, byte[] data, boolean copy) {
    this.name = name;
    this.dtype = dtype;
    this.shape = shape.clone();
    long n = elementCount(shape);
    if (n * dtype.size() != data.length) {
      throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " of " + dtype
          + " needs " + n * dtype.size() + " bytes, got " + data.length);
    }
    this.data = copy ? data.clone() : data;
  }

  /** A tensor from raw little-endian bytes. */
  public static TensorData ofRaw(String name, DType dtype, int[] shape, byte[] littleEndianData) {
    return new TensorData(name, dtype, shape, littleEndianData, true);
  }

  static TensorData wrap(String name, DType dtype, int[] shape, byte[] data) {
    return new TensorData(name, dtype, shape, data, false);
  }

  public static TensorData ofFloats(String name, int[] shape, float[] v) {
    ByteBuffer b = buffer(v.length * 4L);
    b.asFloatBuffer().put(v);
    return wrap(name, DType.F32, shape, b.array());
  }

  public static TensorData ofDoubles(String name, int[] shape, double[] v) {
    ByteBuffer b = buffer(v.length * 8L);
    b.asDoubleBuffer().put(v);
    return wrap(name, DType.F64, shape, b.array());
  }

  /** I8 tensor. */
  public static TensorData ofBytes(String name, int[] shape, byte[] v) {
    return new TensorData(name, DType.I8, shape, v, true);
  }

  /** U8 tensor. */
  public static TensorData ofUnsignedBytes(String name, int[] shape, byte[] v) {
    return new TensorData(name, DType.U8, shape, v, true);
  }

  public static TensorData ofShorts(String name, int[] shape, short[] v) {
    ByteBuffer b = buffer(v.length * 2L);
    b.asShortBuffer().put(v);
    return wrap(name, DType.I16, shape, b.array());
  }

  public static TensorData ofInts(String name, int[] shape, int[] v) {
    ByteBuffer b = buffer(v.length * 4L);
    b.asIntBuffer().put(v);
    return wrap(name, DType.I32, shape, b.array());
  }

  public static TensorData ofLongs(String name, int[] shape, long[] v) {
    ByteBuffer b = buffer(v.length * 8L);
    b.asLongBuffer().put(v);
    return wrap(name, DType.I64, shape, b.array());
  }

  public String name() {
    return name;
  }

  public DType dtype() {
    return dtype;
  }

  public int[] shape() {
    return shape.clone();
  }

  public long elementCount() {
    return elementCount(shape);
  }

  public int byteSize() {
    return data.length;
  }

  /** Read-only little-endian view of the raw data. */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** F32 values (F64 is narrowed, F16/BF16 are not supported here). */
  public float[] asFloats() {
    if (dtype == DType.F64) {
      double[] d = asDoubles();
      float[] f = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        f[i] = (float) d[i];
      }
      return f;
    }
    need(DType.F32);
    float[] out = new float[(int) elementCount()];
    buffer().asFloatBuffer().get(out);
    return out;
  }

  public double[] asDoubles() {
    if (dtype == DType.F32) {
      float[] f = asFloats();
      double[] d = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        d[i] = f[i];
      }
      return d;
    }
    need(DType.F64);
    double[] out = new double[(int) elementCount()];
    buffer().asDoubleBuffer().get(out);
    return out;
  }

  /** I8, U8 or BOOL bytes as stored. */
  public byte[] asBytes() {
    if (dtype != DType.I8 && dtype != DType.U8 && dtype != DType.BOOL) {
      throw wrongType("I8/U8/BOOL");
    }
    return data.clone();
  }

  public short[] asShorts() {
    need(DType.I16);
    short[] out = new short[(int) elementCount()];
    buffer().asShortBuffer().get(out);
    return out;
  }

  /** I32 values; I8, U8 and I16 are widened (U8 as unsigned). */
  public int[] asInts() {
    int[] out = new int[(int) elementCount()];
    switch (dtype) {
      case I32 -> buffer().asIntBuffer().get(out);
      case I8 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = data[i];
        }
      }
      case U8 -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = data[i] & 0xFF;
        }
      }
      case I16 -> {
        short[] s = asShorts();
        for (int i = 0; i < out.length; i++) {
          out[i] = s[i];
        }
      }
      default -> throw wrongType("I32/I16/I8/U8");
    }
    return out;
  }

  public long[] asLongs() {
    need(DType.I64);
    long[] out = new long[(int) elementCount()];
    buffer().asLongBuffer().get(out);
    return out;
  }

  /** The raw bytes (a copy). */
  public byte[] rawBytes() {
    return data.clone();
  }

  byte[] rawBytesUnsafe() {
    return data;
  }

  public static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  private void need(DType t) {
    if (dtype != t) {
      throw wrongType(t.name());
    }
  }

  private WeightsException wrongType(String wanted) {
    return new WeightsException("tensor " + name + " is " + dtype + ", expected " + wanted);
  }

  private static ByteBuffer buffer(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorData t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
        && Arrays.equals(t.data, data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return name + " " + dtype + Arrays.toString(shape);
  }
}
