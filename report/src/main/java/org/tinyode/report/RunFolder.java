package org.tinyode.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the report shows, read from a finished run folder (results/SCHEMA.md): the summary tables from their
 * Arrow IPC files, divergence from Parquet, {@code run_manifest.json}, {@code validity.json} and the list of table
 * files to link to.
 */
record RunFolder(Path dir, JsonNode manifest, JsonNode validity, Table summary, Table perClass, Table confusion,
    Table latency, Table energy, Table agreement, Table paperTable, Table divergence, List<Path> tableFiles) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code dir}; a folder without {@code summary.arrow} is not a finished run. */
  static RunFolder read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ReportException("run folder " + dir + " does not exist");
    }
    if (!Files.isRegularFile(dir.resolve("summary.arrow"))) {
      throw new ReportException("run folder " + dir + " has no summary.arrow (not a finished evaluate/compare run)");
    }
    return new RunFolder(dir, json(dir.resolve("run_manifest.json")), json(dir.resolve("validity.json")),
        ArrowTableReader.read(dir, "summary"), ArrowTableReader.read(dir, "per_class"),
        ArrowTableReader.read(dir, "confusion"), ArrowTableReader.read(dir, "latency"),
        ArrowTableReader.read(dir, "energy"), ArrowTableReader.read(dir, "agreement"),
        ArrowTableReader.read(dir, "paper_table"), ParquetTableReader.read(dir, "divergence"), tables(dir));
  }

  /** Backends in the summary's order. */
  List<String> backends() {
    LinkedHashSet<String> b = new LinkedHashSet<>();
    summary.rows().forEach(r -> b.add(Table.str(r, "backend")));
    return new ArrayList<>(b);
  }

  /** Stage names in the latency table's order (execution order), without {@code total}. */
  List<String> stages() {
    LinkedHashSet<String> s = new LinkedHashSet<>();
    latency.rows().forEach(r -> s.add(Table.str(r, "stage")));
    s.remove("total");
    return new ArrayList<>(s);
  }

  private static JsonNode json(Path f) {
    if (!Files.isRegularFile(f)) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(f.toFile());
    } catch (IOException e) {
      throw new ReportException("cannot read " + f + ": " + e.getMessage());
    }
  }

  private static List<Path> tables(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.endsWith(".parquet") || n.endsWith(".arrow") || n.endsWith(".json");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
