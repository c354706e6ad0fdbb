package org.tinyode.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

  static List<TensorData> allDtypes() {
    return List.of(
        TensorData.ofFloats("f32", new int[] {2, 2}, new float[] {1.5f, -2f, 0f, Float.MAX_VALUE}),
        TensorData.ofDoubles("f64", new int[] {3}, new double[] {Math.PI, -1e300, 0}),
        TensorData.ofBytes("i8", new int[] {4}, new byte[] {-128, -1, 0, 127}),
        TensorData.ofUnsignedBytes("u8", new int[] {2}, new byte[] {(byte) 255, 7}),
        TensorData.ofShorts("i16", new int[] {2}, new short[] {Short.MIN_VALUE, 300}),
        TensorData.ofInts("i32", new int[] {1, 3}, new int[] {Integer.MIN_VALUE, -5, Integer.MAX_VALUE}),
        TensorData.ofLongs("i64", new int[] {1}, new long[] {Long.MIN_VALUE}),
        TensorData.ofInts("scalar", new int[] {}, new int[] {42}));
  }

  @Test
  void roundTripsEveryDtype(@TempDir Path dir) {
    Path f = dir.resolve("t.safetensors");
    SafeTensors.write(f, Map.of("k", "v", "z", "{\"json\": 1}"), allDtypes());
    SafeTensors.Content c = SafeTensors.read(f);
    assertEquals(Map.of("k", "v", "z", "{\"json\": 1}"), c.metadata());
    for (TensorData t : allDtypes()) {
      assertEquals(t, c.tensors().get(t.name()), t.name());
    }
    assertArrayEquals(new float[] {1.5f, -2f, 0f, Float.MAX_VALUE}, c.tensors().get("f32").asFloats());
    assertArrayEquals(new int[] {Integer.MIN_VALUE, -5, Integer.MAX_VALUE}, c.tensors().get("i32").asInts());
    assertArrayEquals(new int[] {255, 7}, c.tensors().get("u8").asInts());
    assertArrayEquals(new int[] {-128, -1, 0, 127}, c.tensors().get("i8").asInts());
    assertArrayEquals(new long[] {Long.MIN_VALUE}, c.tensors().get("i64").asLongs());
    assertArrayEquals(new double[] {Math.PI, -1e300, 0}, c.tensors().get("f64").asDoubles());
    assertArrayEquals(new short[] {Short.MIN_VALUE, 300}, c.tensors().get("i16").asShorts());
    assertArrayEquals(new int[] {}, c.tensors().get("scalar").shape());
  }

  @Test
  void layoutMatchesTheSafetensorsFormat() {
    byte[] b = SafeTensors.toBytes(Map.of("m", "x"), List.of(
        TensorData.ofBytes("b", new int[] {3}, new byte[] {1, 2, 3}),
        TensorData.ofInts("a", new int[] {1}, new int[] {0x01020304})));
    long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, n % 8, "header padded to 8 bytes");
    String header = new String(b, 8, (int) n, StandardCharsets.UTF_8);
    assertEquals("{\"__metadata__\":{\"m\":\"x\"},\"a\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"I8\",\"shape\":[3],\"data_offsets\":[4,7]}}", header.stripTrailing());
    assertEquals(8 + n + 7, b.length);
    assertEquals(4, b[(int) (8 + n)], "little-endian int32");
    assertEquals(1, b[(int) (8 + n + 4)]);
  }

  @Test
  void rejectsBrokenFiles() {
    byte[] good = SafeTensors.toBytes(Map.of(), List.of(TensorData.ofBytes("x", new int[] {2}, new byte[] {1, 2})));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    WeightsException e = assertThrows(WeightsException.class, () -> SafeTensors.fromBytes(truncated, "f.st"));
    assertTrue(e.getMessage().startsWith("f.st: tensor x: data_offsets"), e.getMessage());
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    assertTrue(assertThrows(WeightsException.class, () -> SafeTensors.fromBytes(longer, "f.st")).getMessage()
        .contains("trailing"));
    assertThrows(WeightsException.class, () -> SafeTensors.fromBytes(new byte[] {1, 2}, "f.st"));
  }
}
