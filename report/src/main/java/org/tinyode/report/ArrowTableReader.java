package org.tinyode.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.Text;

/**
 * Reads a flat Arrow IPC file ({@code <table>.arrow}, as the run driver writes the summary tables) into a
 * {@link Table}. Needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} like every Arrow user here.
 */
final class ArrowTableReader {
  private ArrowTableReader() {}

  static Table read(Path runDir, String name) {
    Path file = runDir.resolve(name + ".arrow");
    if (!Files.isRegularFile(file)) {
      return Table.absent(name);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (BufferAllocator alloc = new RootAllocator();
        FileChannel ch = FileChannel.open(file);
        ArrowFileReader r = new ArrowFileReader(ch, alloc)) {
      while (r.loadNextBatch()) {
        VectorSchemaRoot root = r.getVectorSchemaRoot();
        for (int i = 0; i < root.getRowCount(); i++) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(i);
            row.put(v.getName(), o instanceof Text t ? t.toString() : o);
          }
          rows.add(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Arrow table " + file + ": " + e.getMessage(), e);
    }
    return new Table(name, true, rows);
  }
}
