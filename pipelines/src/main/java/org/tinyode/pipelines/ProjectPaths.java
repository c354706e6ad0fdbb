package org.tinyode.pipelines;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Resolves relative paths: the working directory first, then the project root ({@code -Dtinyode.root}). */
final class ProjectPaths {
  private ProjectPaths() {}

  static Path root() {
    String r = System.getProperty("tinyode.root");
    return r == null ? Path.of("").toAbsolutePath() : Path.of(r).toAbsolutePath();
  }

  /** {@code p} as given if it exists (or is absolute), else under the project root if it exists there. */
  static String resolve(String p) {
    if (p.isEmpty() || p.startsWith("random:")) {
      return p;
    }
    Path path = Path.of(p);
    if (path.isAbsolute() || Files.exists(path)) {
      return path.toAbsolutePath().normalize().toString();
    }
    Path under = root().resolve(p);
    return Files.exists(under) ? under.normalize().toString() : p;
  }

  /** The output folder: as given, or {@code <root>/results/runs/<UTC timestamp>}. */
  static Path output(String given, Instant start) {
    if (!given.isEmpty()) {
      return Path.of(given).toAbsolutePath().normalize();
    }
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(start);
    return root().resolve("results/runs").resolve(stamp);
  }
}
