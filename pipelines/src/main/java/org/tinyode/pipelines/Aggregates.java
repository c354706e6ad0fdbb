package org.tinyode.pipelines;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyode.transforms.DeadLetter;
import org.tinyode.transforms.stats.AccuracySummary;
import org.tinyode.transforms.stats.EnergyRow;
import org.tinyode.transforms.stats.LatencyRow;

/** The pipeline's aggregates, read back by the driver from {@code <output>/agg/*.jsonl}. */
record Aggregates(List<AccuracySummary> accuracy, List<LatencyRow> latency, List<EnergyRow> energy,
    List<DeadLetter> deadLetters) {
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static Aggregates read(Path output) {
    Path agg = output.resolve(EvaluationGraph.AGG);
    return new Aggregates(lines(agg.resolve("accuracy.jsonl"), AccuracySummary.class),
        lines(agg.resolve("latency.jsonl"), LatencyRow.class), lines(agg.resolve("energy.jsonl"), EnergyRow.class),
        lines(agg.resolve("dead_letters.jsonl"), DeadLetter.class));
  }

  static <T> List<T> lines(Path file, Class<T> type) {
    List<T> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(JSON.readValue(line, type));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** The same aggregates with latency and energy rows sorted by backend, then {@code order} of stages. */
  Aggregates inStageOrder(List<String> order) {
    java.util.function.ToIntFunction<String> rank = st -> order.indexOf(st) < 0 ? order.size() : order.indexOf(st);
    List<LatencyRow> l = new ArrayList<>(latency);
    l.sort(java.util.Comparator.comparing(LatencyRow::backend).thenComparingInt(r -> rank.applyAsInt(r.stage())));
    List<EnergyRow> e = new ArrayList<>(energy);
    e.sort(java.util.Comparator.comparing(EnergyRow::backend).thenComparingInt(r -> rank.applyAsInt(r.stage())));
    return new Aggregates(accuracy, l, e, deadLetters);
  }

  AccuracySummary accuracyOf(String backend) {
    return accuracy.stream().filter(a -> a.backend().equals(backend)).findFirst().orElse(null);
  }

  /** Decode failures (before any backend) plus this backend's failures. */
  long failuresOf(String backend) {
    return deadLetters.stream().filter(d -> d.backend().isEmpty() || d.backend().equals(backend)).count();
  }

  EnergyRow totalEnergyOf(String backend) {
    return energy.stream().filter(e -> e.backend().equals(backend) && e.stage().equals("total")).findFirst()
        .orElse(null);
  }

  List<LatencyRow> latencyOf(String backend) {
    return latency.stream().filter(l -> l.backend().equals(backend)).toList();
  }
}
