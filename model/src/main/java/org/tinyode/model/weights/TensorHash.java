package org.tinyode.model.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code tinyode.tensors_sha256}: SHA-256 over every tensor in sorted-name order; per tensor: UTF-8 name, a 0 byte,
 * the dtype name (e.g. "F32"), a 0 byte, the rank as int64 LE, each dimension as int64 LE, then the raw data.
 */
public final class TensorHash {
  private TensorHash() {}

  public static String sha256(Map<String, TensorData> tensors) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (TensorData t : new TreeMap<>(tensors).values()) {
      md.update(t.name().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      md.update(t.dtype().name().getBytes(StandardCharsets.US_ASCII));
      md.update((byte) 0);
      int[] shape = t.shape();
      ByteBuffer b = ByteBuffer.allocate(8 * (shape.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
      b.putLong(shape.length);
      for (int d : shape) {
        b.putLong(d);
      }
      md.update(b.array());
      md.update(t.rawBytesUnsafe());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
