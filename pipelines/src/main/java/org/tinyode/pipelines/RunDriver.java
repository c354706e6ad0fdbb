package org.tinyode.pipelines;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.values.PCollection;
import org.tinyode.datasets.DatasetException;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.backend.Backend;
import org.tinyode.transforms.backend.BackendSpec;
import org.tinyode.transforms.backend.SharedBackends;
import org.tinyode.transforms.io.SummarySchema;
import org.tinyode.transforms.io.SummarySchema.SummaryRow;
import org.tinyode.transforms.io.TableFiles;
import org.tinyode.transforms.stats.AccuracySummary;
import org.tinyode.transforms.stats.EnergyRow;

/**
 * Runs evaluate or compare: plans the inputs, loads every backend once in the driver (so a bad model fails before
 * the pipeline starts, and in-process runners reuse it), runs the pipeline, then writes the summary tables,
 * validity.json, run_manifest.json and the console summary.
 */
final class RunDriver {
  static final String THROUGHPUT = "measured:pipeline-wall-clock";

  /** Extra graph (compare) and extra checks after the run. */
  interface Extension {
    void extend(Pipeline p, PCollection<ExampleResult> results, Path output);

    void after(Path output, Validity.Checker checker, PrintStream out);
  }

  private RunDriver() {}

  static RunReport run(String command, TinyOdeOptions o, List<BackendSpec> specs, Extension ext, PrintStream out)
      throws DatasetException {
    Instant start = Instant.now();
    Path output = ProjectPaths.output(o.getOutput(), start);
    requireEmpty(output);
    RunInputs in = RunInputs.plan(o, output);
    List<Map<String, Object>> described = new ArrayList<>();
    List<BackendSpec> held = new ArrayList<>();
    try {
      for (BackendSpec s : specs) {
        Backend b = SharedBackends.acquire(s);
        held.add(s);
        described.add(b.describe());
      }
      out.printf("tinyode %s: %d examples of %s (%d shards, %d batches) on %s -> %s%n", command,
          in.manifest().selected(), in.dataset().path(), in.manifest().shards().size(), in.batches().size(),
          specs.stream().map(BackendSpec::kind).toList(), output);
      if (o.getRunner() == DirectRunner.class) {
        o.as(DirectOptions.class).setBlockOnRun(false);
      }
      Pipeline p = Pipeline.create(o);
      PCollection<ExampleResult> results = EvaluationGraph.build(p, in, specs, o, output);
      if (ext != null) {
        ext.extend(p, results, output);
      }
      long t0 = System.nanoTime();
      PipelineResult run;
      // DirectRunner returns from run() at once and await() polls its counters; other runners block in run().
      try (Progress.Watch w = Progress.watchLocal(o.getRunner() == DirectRunner.class ? 0 : o.getProgressSeconds(),
          in.manifest().selected(), out)) {
        run = p.run();
      }
      PipelineResult.State state = Progress.await(run, o.getProgressSeconds(), in.manifest().selected(), out);
      double wall = (System.nanoTime() - t0) / 1e9;
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("pipeline ended in state " + state);
      }
      Instant end = Instant.now();
      described.clear(); // again after the run: board pools report their counters
      for (BackendSpec s : specs) {
        described.add(SharedBackends.acquire(s).describe());
        SharedBackends.release(s);
      }
      return finish(command, o, in, specs, described, ext, output, start, end, wall, out);
    } finally {
      held.forEach(SharedBackends::release);
    }
  }

  private static RunReport finish(String command, TinyOdeOptions o, RunInputs in, List<BackendSpec> specs,
      List<Map<String, Object>> described, Extension ext, Path output, Instant start, Instant end, double wall,
      PrintStream out) {
    OutputFiles.tidy(output);
    Aggregates agg = Aggregates.read(output).inStageOrder(stageOrder(specs));
    List<SummaryRow> rows = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      String k = specs.get(i).kind();
      AccuracySummary a = agg.accuracyOf(k);
      EnergyRow e = agg.totalEnergyOf(k);
      long answered = agg.latency().stream().filter(l -> l.backend().equals(k) && l.stage().equals("total"))
          .mapToLong(l -> l.count()).sum();
      rows.add(new SummaryRow(k, in.manifest().selected(), answered, agg.failuresOf(k), a, wall, THROUGHPUT,
          e == null ? Double.NaN : e.meanJ(), e == null ? "" : e.provenance(),
          String.valueOf(described.get(i).get("model_sha256"))));
    }
    TableFiles.write(output, "summary", SummarySchema.SUMMARY, rows.stream().map(SummarySchema::summary).toList());
    TableFiles.write(output, "per_class", SummarySchema.PER_CLASS,
        agg.accuracy().stream().flatMap(a -> SummarySchema.perClass(a).stream()).toList());
    TableFiles.write(output, "confusion", SummarySchema.CONFUSION,
        agg.accuracy().stream().flatMap(a -> SummarySchema.confusion(a).stream()).toList());
    TableFiles.write(output, "latency", SummarySchema.LATENCY,
        agg.latency().stream().map(SummarySchema::latency).toList());
    TableFiles.write(output, "energy", SummarySchema.ENERGY, agg.energy().stream().map(SummarySchema::energy).toList());

    Validity.Checker checker = new Validity.Checker().summaries(rows, o.getMaxFailureRate())
        .provenance(agg.latency(), agg.energy());
    for (BackendSpec s : specs) {
      String model = s.kind().equals(BackendSpec.SOFTWARE) ? o.getFloatModel() : o.getModel();
      if (model.startsWith("random:")) {
        checker.warning(s.kind() + ": model " + model + " is untrained random weights: accuracy is chance level");
      }
    }
    java.io.ByteArrayOutputStream extra = new java.io.ByteArrayOutputStream();
    if (ext != null) {
      ext.after(output, checker, new PrintStream(extra, true, java.nio.charset.StandardCharsets.UTF_8));
    }
    Validity validity = checker.result();
    validity.write(output.resolve("validity.json"));
    RunManifest.of(command, o, in, described, start, end, output).write(output.resolve("run_manifest.json"));
    ConsoleSummary.print(out, rows, agg, validity, output.toString(),
        extra.toString(java.nio.charset.StandardCharsets.UTF_8));
    org.tinyode.report.Report.writeAtEndOfRun(output, out);
    return new RunReport(output, rows, agg, validity);
  }

  /** A run never mixes its files with an earlier run's. */
  private static void requireEmpty(Path output) {
    if (java.nio.file.Files.isDirectory(output)) {
      try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(output)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("output folder " + output + " is not empty; choose another --output");
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot list " + output, e);
      }
    }
  }

  /** Stage names in execution order over all backends (then {@code total}). */
  private static List<String> stageOrder(List<BackendSpec> specs) {
    List<String> order = new ArrayList<>();
    for (BackendSpec s : specs) {
      for (String st : SharedBackends.acquire(s).stageNames()) {
        if (!order.contains(st)) {
          order.add(st);
        }
      }
      SharedBackends.release(s);
    }
    order.add("total");
    return order;
  }

  /** A backend spec for {@code kind} from the options (software runs the float model, the others the quantized). */
  static BackendSpec spec(String kind, TinyOdeOptions o, boolean keepFabricOutput) {
    String model = kind.trim().equalsIgnoreCase(BackendSpec.SOFTWARE) ? o.getFloatModel() : o.getModel();
    return new BackendSpec(kind.trim(), ProjectPaths.resolve(model), o.getBoards(),
        ProjectPaths.resolve(o.getBoardAuth()), o.getCpuWattsPerCore(), o.getEnergySource(), o.getSysfsRoot(),
        keepFabricOutput, o.getEngine());
  }
}
