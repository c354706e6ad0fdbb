package org.tinyode.fpga.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a bearer token from a file (tokens never live in source or on the command line). The file holds the
 * token on its first line; surrounding whitespace is ignored. A token must be 16 to 4096 printable ASCII
 * characters without spaces.
 */
public final class TokenFile {
  private TokenFile() {}

  public static String read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SecurityConfigException("token file " + file + ": no such file");
    } catch (IOException e) {
      throw new SecurityConfigException("token file " + file + ": cannot read (" + e.getMessage() + ")");
    }
    String token = text.strip();
    int nl = token.indexOf('\n');
    if (nl >= 0) {
      token = token.substring(0, nl).strip();
    }
    if (token.length() < 16 || token.length() > 4096) {
      throw new SecurityConfigException("token file " + file + ": token must be 16 to 4096 characters, got "
          + token.length());
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new SecurityConfigException("token file " + file + ": character " + i
            + " is not printable ASCII (no spaces allowed)");
      }
    }
    return token;
  }
}
