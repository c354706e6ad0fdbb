package org.tinyode.fpga.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Known vectors (FIPS 180-2 "abc", the empty string) and a file larger than the 64 KiB read buffer. */
class Sha256Test {
  @TempDir Path dir;

  @Test
  void knownVectorsInLowercaseHex() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.hex(new byte[0]));
  }

  @Test
  void fileHashEqualsTheHashOfItsBytes() throws Exception {
    byte[] data = new byte[200_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    Path f = Files.write(dir.resolve("blob.bin"), data);
    assertEquals(Sha256.hex(data), Sha256.hex(f));
    assertEquals(64, Sha256.hex(f).length());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.bin");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Sha256.hex(missing));
    assertTrue(e.getMessage().contains("nope.bin"), e.getMessage());
  }
}
