package org.tinyode.transforms;

import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.tinyode.transforms.backend.Backend;
import org.tinyode.transforms.backend.BackendSpec;
import org.tinyode.transforms.backend.SharedBackends;

/**
 * Runs one backend over batches of decoded examples: one {@link ExampleResult} per example, or a
 * {@link DeadLetter} (step {@code backend}) with the backend's reason. The backend is loaded once per worker JVM
 * ({@link SharedBackends}) in {@code @Setup} and released in {@code @Teardown}.
 */
public final class RunBackend extends PTransform<PCollection<ExampleBatch>, Outcome<ExampleResult>> {
  private final TupleTag<ExampleResult> results = new TupleTag<>() {};
  private final TupleTag<DeadLetter> dead = new TupleTag<>() {};
  private final BackendSpec spec;

  private RunBackend(BackendSpec spec) {
    this.spec = spec;
  }

  public static RunBackend of(BackendSpec spec) {
    return new RunBackend(spec);
  }

  @Override
  public Outcome<ExampleResult> expand(PCollection<ExampleBatch> batches) {
    return Outcome.of(batches.apply("Run " + spec.kind(),
        ParDo.of(new RunBackendFn(spec, results, dead)).withOutputTags(results, TupleTagList.of(dead))),
        results, dead);
  }

  /** Adapts one batch to the backend and splits its answers into results and dead letters. */
  static final class RunBackendFn extends DoFn<ExampleBatch, ExampleResult> {
    private final BackendSpec spec;
    private final TupleTag<ExampleResult> results;
    private final TupleTag<DeadLetter> dead;
    private final Counter ok;
    private final Counter failed;
    private final Distribution batchMillis;
    private transient Backend backend;

    RunBackendFn(BackendSpec spec, TupleTag<ExampleResult> results, TupleTag<DeadLetter> dead) {
      this.spec = spec;
      this.results = results;
      this.dead = dead;
      this.ok = Metrics.counter(RunBackend.class, spec.kind() + "_examples_ok");
      this.failed = Metrics.counter(RunBackend.class, spec.kind() + "_examples_failed");
      this.batchMillis = Metrics.distribution(RunBackend.class, spec.kind() + "_batch_millis");
    }

    @Setup
    public void setup() {
      backend = SharedBackends.acquire(spec);
    }

    @ProcessElement
    public void process(@Element ExampleBatch batch, MultiOutputReceiver out) {
      List<DecodedExample> ex = batch.examples();
      long t0 = System.nanoTime();
      List<Backend.Answer> answers;
      try {
        answers = backend.run(ex);
        if (answers.size() != ex.size()) {
          throw new IllegalStateException("backend " + spec.kind() + " answered " + answers.size() + " of "
              + ex.size() + " examples of batch " + batch.ref().key());
        }
      } catch (Exception e) {
        String why = "batch " + batch.ref().key() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
        answers = ex.stream().map(x -> Backend.Answer.failed(why)).toList();
      }
      batchMillis.update((System.nanoTime() - t0) / 1_000_000);
      LocalProgress.answered(spec.kind(), ex.size());
      for (int i = 0; i < ex.size(); i++) {
        Backend.Answer a = answers.get(i);
        DecodedExample e = ex.get(i);
        if (a.result() != null) {
          ok.inc();
          out.get(results).output(a.result());
        } else {
          failed.inc();
          out.get(dead).output(new DeadLetter(e.id(), e.shard(), e.index(), spec.kind(), DeadLetter.BACKEND,
              a.error()));
        }
      }
    }

    @Teardown
    public void teardown() {
      if (backend != null) {
        backend = null;
        SharedBackends.release(spec);
      }
    }
  }
}
