package org.tinyode.transforms.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes a flat table (Avro schema of string, int, long, double and boolean fields) as an Arrow IPC file
 * (= Feather v2), one record batch. Needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on the JVM.
 */
public final class ArrowTables {
  private ArrowTables() {}

  public static void write(Path file, Schema schema, List<GenericRecord> rows) {
    try (BufferAllocator alloc = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      for (Schema.Field f : schema.getFields()) {
        vectors.add(vector(f, alloc, rows));
      }
      try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
          FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING);
          ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
        root.setRowCount(rows.size());
        w.start();
        w.writeBatch();
        w.end();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static FieldVector vector(Schema.Field f, BufferAllocator alloc, List<GenericRecord> rows) {
    String n = f.name();
    int count = rows.size();
    switch (f.schema().getType()) {
      case STRING -> {
        VarCharVector v = new VarCharVector(n, alloc);
        v.allocateNew(count);
        for (int i = 0; i < count; i++) {
          v.setSafe(i, String.valueOf(rows.get(i).get(n)).getBytes(StandardCharsets.UTF_8));
        }
        v.setValueCount(count);
        return v;
      }
      case INT -> {
        IntVector v = new IntVector(n, alloc);
        v.allocateNew(count);
        for (int i = 0; i < count; i++) {
          v.setSafe(i, (Integer) rows.get(i).get(n));
        }
        v.setValueCount(count);
        return v;
      }
      case LONG -> {
        BigIntVector v = new BigIntVector(n, alloc);
        v.allocateNew(count);
        for (int i = 0; i < count; i++) {
          v.setSafe(i, (Long) rows.get(i).get(n));
        }
        v.setValueCount(count);
        return v;
      }
      case DOUBLE -> {
        Float8Vector v = new Float8Vector(n, alloc);
        v.allocateNew(count);
        for (int i = 0; i < count; i++) {
          v.setSafe(i, (Double) rows.get(i).get(n));
        }
        v.setValueCount(count);
        return v;
      }
      case BOOLEAN -> {
        BitVector v = new BitVector(n, alloc);
        v.allocateNew(count);
        for (int i = 0; i < count; i++) {
          v.setSafe(i, Boolean.TRUE.equals(rows.get(i).get(n)) ? 1 : 0);
        }
        v.setValueCount(count);
        return v;
      }
      default -> throw new IllegalArgumentException("Arrow table: field " + n + " has unsupported type "
          + f.schema().getType() + " (flat string/int/long/double/boolean only)");
    }
  }
}
