package org.tinyode.pipelines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.tinyode.transforms.BatchRef;
import org.tinyode.transforms.DeadLetter;
import org.tinyode.transforms.ExampleBatch;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.Outcome;
import org.tinyode.transforms.ReadExamples;
import org.tinyode.transforms.RunBackend;
import org.tinyode.transforms.SpreadBatches;
import org.tinyode.transforms.SummarizeAccuracy;
import org.tinyode.transforms.SummarizeEnergy;
import org.tinyode.transforms.SummarizeLatency;
import org.tinyode.transforms.backend.BackendSpec;
import org.tinyode.transforms.io.PredictionSchema;
import org.tinyode.transforms.io.WriteJsonLines;
import org.tinyode.transforms.io.WriteParquet;

/**
 * The shared body of evaluate and compare: batches → decode (dead letters) → each backend → per-example results
 * → Parquet tables and the aggregates (JSON lines under {@code <output>/agg/}) the driver turns into the summary.
 */
final class EvaluationGraph {
  static final String AGG = "agg";

  private EvaluationGraph() {}

  /** The per-example results of every backend (flattened) after building the graph into {@code p}. */
  static PCollection<ExampleResult> build(Pipeline p, RunInputs in, List<BackendSpec> backends, TinyOdeOptions o,
      Path output) {
    String out = output.toString();
    Outcome<ExampleBatch> decoded = p
        .apply("Batches", Create.of(in.batches()))
        .apply("Spread", SpreadBatches.over(o.getWorkGroups() > 0 ? o.getWorkGroups()
            : Math.max(2, Runtime.getRuntime().availableProcessors())))
        .apply("Read", ReadExamples.from(in.dataset()));
    List<PCollection<ExampleResult>> results = new ArrayList<>();
    List<PCollection<DeadLetter>> dead = new ArrayList<>();
    dead.add(decoded.deadLetters());
    for (BackendSpec b : backends) {
      Outcome<ExampleResult> r = decoded.output().apply("Backend " + b.kind(), RunBackend.of(b));
      results.add(r.output());
      dead.add(r.deadLetters());
    }
    PCollection<ExampleResult> all = PCollectionList.of(results).apply("AllResults", Flatten.pCollections());
    PCollection<DeadLetter> deadLetters = PCollectionList.of(dead).apply("AllDeadLetters", Flatten.pCollections());

    List<String> classes = in.classNames();
    all.apply("Predictions", WriteParquet.to(out, "predictions", PredictionSchema.PREDICTIONS,
        r -> PredictionSchema.prediction(r, classes), 0));
    deadLetters.apply("DeadLetters", WriteParquet.to(out, "dead_letters", PredictionSchema.DEAD_LETTERS,
        PredictionSchema::deadLetter, 1));
    deadLetters.apply("DeadLettersJson", WriteJsonLines.to(out + "/" + AGG + "/dead_letters.jsonl"));
    all.apply("Accuracy", SummarizeAccuracy.perBackend(classes, o.getBootstrapReplicates(), o.getSeed()))
        .apply("AccuracyJson", WriteJsonLines.to(out + "/" + AGG + "/accuracy.jsonl"));
    all.apply("Latency", SummarizeLatency.perBackendAndStage())
        .apply("LatencyJson", WriteJsonLines.to(out + "/" + AGG + "/latency.jsonl"));
    all.apply("Energy", SummarizeEnergy.perBackendAndStage())
        .apply("EnergyJson", WriteJsonLines.to(out + "/" + AGG + "/energy.jsonl"));
    return all;
  }
}
