package org.tinyode.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Test helper: reads every row of {@code <dir>/<prefix>*.parquet}. */
final class ParquetRows {
  private ParquetRows() {}

  static List<GenericRecord> read(Path dir, String prefix) throws IOException {
    List<GenericRecord> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(".parquet")).sorted().toList()) {
        try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(new NioInputFile(f))
            .build()) {
          for (GenericRecord g; (g = r.read()) != null; ) {
            out.add(g);
          }
        }
      }
    }
    return out;
  }

  /** A Parquet InputFile over java.nio (parquet 1.13 has no LocalInputFile; Hadoop's FileSystem needs more jars). */
  private record NioInputFile(Path path) implements InputFile {
    @Override
    public long getLength() throws IOException {
      return Files.size(path);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
      java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path);
      return new DelegatingSeekableInputStream(java.nio.channels.Channels.newInputStream(ch)) {
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
