package org.tinyode.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MD5 verification of the official STL-10 binary files (table from the STL-10 release). */
public final class Stl10Checksums {

  /** Official file → MD5 (hex). */
  public static final Map<String, String> OFFICIAL_MD5;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("train_X.bin", "918c2871b30a85fa023e0c44e0bee87f");
    m.put("train_y.bin", "5a34089d4802c674881badbb80307741");
    m.put("test_X.bin", "7f263ba9f9e0b06b93213547f721ac82");
    m.put("test_y.bin", "36f9794fa4beb8a2c72628de14fa638e");
    m.put("unlabeled_X.bin", "5242ba1fed5e4be9e1e742405eb56ca4");
    m.put("class_names.txt", "6de44d022411c4d5cda4673b7f147c3f");
    m.put("fold_indices.txt", "4bbf8cd098ab9f87fe03fbcb37c06b28");
    OFFICIAL_MD5 = java.util.Collections.unmodifiableMap(m);
  }

  /**
   * One file's result.
   *
   * @param status "ok", "mismatch" or "absent"
   */
  public record Result(String file, String expected, String actual, String status) {}

  private Stl10Checksums() {}

  /** Checks every official file present in {@code dir} (absent files are reported as "absent"). */
  public static List<Result> verify(Path dir) throws DatasetException {
    List<Result> out = new ArrayList<>();
    for (Map.Entry<String, String> e : OFFICIAL_MD5.entrySet()) {
      Path f = dir.resolve(e.getKey());
      if (!Files.isRegularFile(f)) {
        out.add(new Result(f.toString(), e.getValue(), null, "absent"));
        continue;
      }
      String actual = md5(f);
      out.add(new Result(f.toString(), e.getValue(), actual, actual.equals(e.getValue()) ? "ok" : "mismatch"));
    }
    return out;
  }

  /** Throws a CHECKSUM_MISMATCH naming file, expected and actual MD5 for the first mismatching file. */
  public static void requireOk(List<Result> results) throws DatasetException {
    for (Result r : results) {
      if ("mismatch".equals(r.status())) {
        throw new DatasetException(DatasetException.Kind.CHECKSUM_MISMATCH, r.file(), -1, -1,
            "MD5 mismatch: expected " + r.expected() + ", actual " + r.actual());
      }
    }
  }

  static String md5(Path file) throws DatasetException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("MD5");
      byte[] buf = new byte[1 << 20];
      int r;
      while ((r = in.read(buf)) > 0) {
        md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1, e.toString(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
