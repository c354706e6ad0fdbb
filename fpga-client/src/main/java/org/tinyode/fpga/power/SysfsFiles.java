package org.tinyode.fpga.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one-value sysfs files. */
final class SysfsFiles {
  private SysfsFiles() {}

  static long readLong(Path file) {
    String s = readString(file);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new PowerReadException(file + ": expected an integer, got \"" + s + "\"");
    }
  }

  static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      throw new PowerReadException(file + ": cannot read (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")");
    }
  }
}
