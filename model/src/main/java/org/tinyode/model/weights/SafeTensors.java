package org.tinyode.model.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors container: 8-byte little-endian header length {@code n}, {@code n} bytes of JSON header
 * ({@code {"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets": [begin, end]}}}, offsets relative
 * to the first data byte, header padded with spaces to a multiple of 8), then the tensor bytes, contiguous, in
 * sorted-name order. This is what Python's {@code safetensors} reads and writes.
 */
public final class SafeTensors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  private SafeTensors() {}

  /** A decoded file: metadata and tensors (sorted by name). */
  public record Content(Map<String, String> metadata, Map<String, TensorData> tensors) {}

  public static void write(Path file, Map<String, String> metadata, Collection<TensorData> tensors) {
    try {
      Files.write(file, toBytes(metadata, tensors));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static byte[] toBytes(Map<String, String> metadata, Collection<TensorData> tensors) {
    TreeMap<String, TensorData> sorted = new TreeMap<>();
    for (TensorData t : tensors) {
      if (t.name().equals("__metadata__") || sorted.put(t.name(), t) != null) {
        throw new IllegalArgumentException("duplicate or reserved tensor name " + t.name());
      }
    }
    ObjectNode header = JSON.createObjectNode();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(meta::put);
    }
    long offset = 0;
    for (TensorData t : sorted.values()) {
      ObjectNode n = header.putObject(t.name());
      n.put("dtype", t.dtype().name());
      ArrayNode shape = n.putArray("shape");
      for (int d : t.shape()) {
        shape.add(d);
      }
      ArrayNode off = n.putArray("data_offsets");
      off.add(offset);
      offset += t.byteSize();
      off.add(offset);
    }
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    int padded = (json.length + 7) / 8 * 8;
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(padded);
    out.put(json);
    for (int i = json.length; i < padded; i++) {
      out.put((byte) ' ');
    }
    for (TensorData t : sorted.values()) {
      out.put(t.rawBytesUnsafe());
    }
    return out.array();
  }

  public static Content read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new WeightsException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return fromBytes(bytes, file.toString());
  }

  /** Decodes a safetensors image; {@code source} names it in error messages. */
  public static Content fromBytes(byte[] bytes, String source) {
    if (bytes.length < 8) {
      throw new WeightsException(source + ": too short for a safetensors file (" + bytes.length + " bytes)");
    }
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n < 2 || n > MAX_HEADER || 8 + n > bytes.length) {
      throw new WeightsException(source + ": bad header length " + n + " for a file of " + bytes.length + " bytes");
    }
    JsonNode header;
    try {
      header = JSON.readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new WeightsException(source + ": header is not JSON: " + e.getOriginalMessage());
    }
    if (header == null || !header.isObject()) {
      throw new WeightsException(source + ": header is not a JSON object");
    }
    int dataStart = 8 + (int) n;
    long dataLen = bytes.length - dataStart;
    Map<String, String> meta = new LinkedHashMap<>();
    Map<String, TensorData> tensors = new TreeMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (name.equals("__metadata__")) {
        v.fields().forEachRemaining(m -> {
          if (!m.getValue().isTextual()) {
            throw new WeightsException(source + ": __metadata__." + m.getKey() + " is not a string");
          }
          meta.put(m.getKey(), m.getValue().asText());
        });
        continue;
      }
      String where = source + ": tensor " + name;
      DType dtype = DType.parse(v.path("dtype").asText());
      if (dtype == null) {
        throw new WeightsException(where + ": unknown dtype " + v.path("dtype"));
      }
      JsonNode sh = v.path("shape");
      JsonNode off = v.path("data_offsets");
      if (!sh.isArray() || !off.isArray() || off.size() != 2) {
        throw new WeightsException(where + ": needs \"shape\" and two \"data_offsets\"");
      }
      int[] shape = new int[sh.size()];
      for (int i = 0; i < shape.length; i++) {
        if (!sh.get(i).canConvertToInt() || sh.get(i).asInt() < 0) {
          throw new WeightsException(where + ": bad shape " + sh);
        }
        shape[i] = sh.get(i).asInt();
      }
      long begin = off.get(0).asLong(-1);
      long end = off.get(1).asLong(-1);
      long expected = TensorData.elementCount(shape) * dtype.size();
      if (begin < 0 || end < begin || end > dataLen || end - begin != expected) {
        throw new WeightsException(where + ": data_offsets " + off + " do not fit shape " + Arrays.toString(shape)
            + " of " + dtype + " (" + expected + " bytes) in " + dataLen + " data bytes");
      }
      ranges.add(new long[] {begin, end});
      byte[] data = Arrays.copyOfRange(bytes, dataStart + (int) begin, dataStart + (int) end);
      tensors.put(name, TensorData.wrap(name, dtype, shape, data));
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long pos = 0;
    for (long[] r : ranges) {
      if (r[0] != pos) {
        throw new WeightsException(source + ": tensor data overlaps or leaves a gap at data byte " + pos);
      }
      pos = r[1];
    }
    if (pos != dataLen) {
      throw new WeightsException(source + ": " + (dataLen - pos) + " trailing bytes after the last tensor");
    }
    return new Content(meta, tensors);
  }
}
