package org.tinyode.transforms.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.parquet.ParquetIO;

/**
 * Writes a small table (a summary table, built in the driver after the run) as {@code <dir>/<name>.parquet}
 * through ParquetIO's sink (same writer and configuration as the pipeline's tables) and as an Arrow IPC file
 * {@code <dir>/<name>.arrow}.
 */
public final class TableFiles {
  private TableFiles() {}

  public static void write(Path dir, String name, Schema schema, List<GenericRecord> rows) {
    writeParquet(dir.resolve(name + ".parquet"), schema, rows);
    ArrowTables.write(dir.resolve(name + ".arrow"), schema, rows);
  }

  public static void writeParquet(Path file, Schema schema, List<GenericRecord> rows) {
    try {
      Files.createDirectories(file.getParent());
      ParquetIO.Sink sink = ParquetIO.sink(schema).withConfiguration(WriteParquet.hadoopConfig());
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        sink.open(ch);
        for (GenericRecord r : rows) {
          sink.write(r);
        }
        sink.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
