package org.tinyode.fpga.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  @TempDir Path dir;

  @Test
  void readsTheFirstLineTrimmed() throws Exception {
    Path f = Files.writeString(dir.resolve("token"), "  abcdefghijklmnop1234\nsecond line\n");
    assertEquals("abcdefghijklmnop1234", TokenFile.read(f));
  }

  @Test
  void refusesMissingShortAndSpacedTokensNamingTheFile() throws Exception {
    Path missing = dir.resolve("absent");
    assertTrue(assertThrows(SecurityConfigException.class, () -> TokenFile.read(missing)).getMessage()
        .contains(missing.toString()));
    Path shortOne = Files.writeString(dir.resolve("short"), "abc\n");
    assertTrue(assertThrows(SecurityConfigException.class, () -> TokenFile.read(shortOne)).getMessage()
        .contains("16 to 4096"));
    Path spaced = Files.writeString(dir.resolve("spaced"), "abcdefgh ijklmnopqrst\n");
    assertTrue(assertThrows(SecurityConfigException.class, () -> TokenFile.read(spaced)).getMessage()
        .contains("character 8"));
  }
}
