package org.tinyode.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Stl10ChecksumsTest {

  @TempDir Path tmp;

  @Test
  void reportsOkMismatchAndAbsent() throws Exception {
    Files.writeString(tmp.resolve("class_names.txt"),
        "airplane\nbird\ncar\ncat\ndeer\ndog\nhorse\nmonkey\nship\ntruck\n");
    Files.write(tmp.resolve("test_y.bin"), new byte[] {1, 2, 3});
    List<Stl10Checksums.Result> r = Stl10Checksums.verify(tmp);
    assertEquals(7, r.size());
    assertEquals("ok", r.stream().filter(x -> x.file().endsWith("class_names.txt")).findFirst().get().status());
    Stl10Checksums.Result y = r.stream().filter(x -> x.file().endsWith("test_y.bin")).findFirst().get();
    assertEquals("mismatch", y.status());
    assertEquals("absent", r.stream().filter(x -> x.file().endsWith("train_X.bin")).findFirst().get().status());
    DatasetException e = assertThrows(DatasetException.class, () -> Stl10Checksums.requireOk(r));
    assertEquals(DatasetException.Kind.CHECKSUM_MISMATCH, e.getKind());
    assertTrue(e.getMessage().contains("test_y.bin: MD5 mismatch: expected 36f9794fa4beb8a2c72628de14fa638e, actual "
        + y.actual()), e.getMessage());
  }
}
