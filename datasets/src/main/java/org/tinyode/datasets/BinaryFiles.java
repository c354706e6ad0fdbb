package org.tinyode.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the binary readers: opening, sizing and positional (thread-safe) reads. */
final class BinaryFiles {

  private BinaryFiles() {}

  static FileChannel openRead(Path file) throws DatasetException {
    if (!Files.isRegularFile(file)) {
      throw missing(file);
    }
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1,
          "cannot open: " + e, e);
    }
  }

  static DatasetException missing(Path file) {
    return new DatasetException(DatasetException.Kind.MISSING_FILE, file.toString(), -1, -1, "no such file");
  }

  static long size(FileChannel ch, Path file) throws DatasetException {
    try {
      return ch.size();
    } catch (IOException e) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1, e.toString(), e);
    }
  }

  /** Checks that a file of {@code size} bytes holds whole records; returns the record count. */
  static int recordCount(long size, int recordBytes, Path file, String layout) throws DatasetException {
    long whole = size / recordBytes;
    if (size % recordBytes != 0) {
      throw new DatasetException(DatasetException.Kind.TRUNCATED, file.toString(), (int) whole,
          whole * recordBytes, "file size " + size + " is not a multiple of the record size " + recordBytes
              + " (" + layout + "); the last record has only " + (size % recordBytes) + " bytes");
    }
    if (whole > Integer.MAX_VALUE) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1, "too many records");
    }
    return (int) whole;
  }

  /** Reads {@code n} bytes at {@code position}; positional reads are safe from many threads. */
  static byte[] readAt(FileChannel ch, long position, int n, Path file, int record) throws DatasetException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    try {
      while (buf.hasRemaining()) {
        int r = ch.read(buf, position + buf.position());
        if (r < 0) {
          throw new DatasetException(DatasetException.Kind.TRUNCATED, file.toString(), record,
              position + buf.position(), "unexpected end of file (" + buf.position() + " of " + n + " bytes read)");
        }
      }
    } catch (IOException e) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), record, position,
          "read failed: " + e, e);
    }
    return buf.array();
  }

  /** Non-blank trimmed lines of a small text file. */
  static List<String> lines(Path file) throws DatasetException {
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          out.add(line.trim());
        }
      }
      return out;
    } catch (NoSuchFileException e) {
      throw missing(file);
    } catch (IOException e) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1, e.toString(), e);
    }
  }

  static byte[] readSmall(Path file) throws DatasetException {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw missing(file);
    } catch (IOException e) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1, e.toString(), e);
    }
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (Exception ignored) {
      // closing a read-only channel cannot lose data
    }
  }
}
