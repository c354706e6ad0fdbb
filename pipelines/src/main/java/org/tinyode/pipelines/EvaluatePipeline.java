package org.tinyode.pipelines;

import java.io.PrintStream;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.tinyode.datasets.DatasetException;

/**
 * {@code tinyode evaluate}: one backend over the selected examples of a dataset, as a Beam batch pipeline.
 *
 * <p>Shard manifest → batches (per shard, index order) → read/decode (bad records to dead letters) → backend
 * (loaded once per worker) → per-example results ({@code predictions} Parquet) → accuracy with a bootstrap CI,
 * per-class, confusion, latency histograms and energy per stage → summary tables (Parquet + Arrow),
 * validity.json, run_manifest.json and a console summary.
 *
 * <p>{@code main} only parses the options and calls {@link #run}, which tests call too.
 */
public final class EvaluatePipeline {
  private EvaluatePipeline() {}

  static RunReport run(EvaluateOptions o, PrintStream out) throws DatasetException {
    return RunDriver.run("evaluate", o, List.of(RunDriver.spec(o.getBackend(), o, false)), null, out);
  }

  public static void main(String[] args) throws DatasetException {
    PipelineOptionsFactory.register(EvaluateOptions.class);
    EvaluateOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(EvaluateOptions.class);
    RunReport r = run(o, System.out);
    System.exit(r.validity().valid() ? 0 : 3);
  }
}
