package org.tinyode.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.tinyode.transforms.io.PredictionSchema;
import org.tinyode.transforms.io.TableFiles;

/** Tidies a run folder after the pipeline: every table exists (empty if need be), no empty temp folders. */
final class OutputFiles {
  private OutputFiles() {}

  static void tidy(Path output) {
    try (Stream<Path> s = Files.list(output)) {
      List<Path> files = s.toList();
      if (files.stream().noneMatch(f -> f.getFileName().toString().startsWith("dead_letters-"))) {
        // FileIO writes no file for an empty PCollection; readers expect the table to exist.
        TableFiles.writeParquet(output.resolve("dead_letters-00000-of-00001.parquet"), PredictionSchema.DEAD_LETTERS,
            List.of());
      }
      for (Path f : files) {
        removeIfEmptyTemp(f);
      }
      Path agg = output.resolve(EvaluationGraph.AGG);
      if (Files.isDirectory(agg)) {
        try (Stream<Path> a = Files.list(agg)) {
          a.forEach(OutputFiles::removeIfEmptyTemp);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tidy " + output, e);
    }
  }

  private static void removeIfEmptyTemp(Path f) {
    if (f.getFileName().toString().startsWith(".temp-beam") && Files.isDirectory(f)) {
      try (Stream<Path> inner = Files.list(f)) {
        if (inner.findAny().isEmpty()) {
          Files.delete(f);
        }
      } catch (IOException e) {
        // leave it: only cosmetic
      }
    }
  }
}
