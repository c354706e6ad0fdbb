package org.tinyode.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Reads the flat columns of every {@code <prefix>-*.parquet} file of a run (the tables that exist only as
 * Parquet, such as divergence) into a {@link Table}; list and struct columns are skipped.
 */
final class ParquetTableReader {
  private ParquetTableReader() {}

  static Table read(Path runDir, String prefix) {
    List<Path> files;
    try (Stream<Path> s = Files.list(runDir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith(prefix + "-")
          && p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runDir, e);
    }
    if (files.isEmpty()) {
      return Table.absent(prefix);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Path f : files) {
      try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new NioInputFile(f)).build()) {
        for (GenericRecord g; (g = r.read()) != null; ) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (Schema.Field field : g.getSchema().getFields()) {
            Object v = g.get(field.name());
            if (v instanceof Utf8 || v instanceof CharSequence) {
              row.put(field.name(), v.toString());
            } else if (v instanceof Number || v instanceof Boolean) {
              row.put(field.name(), v);
            }
          }
          rows.add(row);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Parquet file " + f + ": " + e.getMessage(), e);
      }
    }
    return new Table(prefix, true, rows);
  }

  /** A Parquet InputFile over java.nio (parquet 1.13 has no LocalInputFile; Hadoop's FileSystem needs more jars). */
  private record NioInputFile(Path path) implements InputFile {
    @Override
    public long getLength() throws IOException {
      return Files.size(path);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      FileChannel ch = FileChannel.open(path);
      return new DelegatingSeekableInputStream(Channels.newInputStream(ch)) {
        @Override
        public long getPos() throws IOException {
          return ch.position();
        }

        @Override
        public void seek(long n) throws IOException {
          ch.position(n);
        }
      };
    }
  }
}
