package org.tinyode.pipelines;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.tinyode.datasets.DatasetException;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.transforms.DivergeGoldenFpga;
import org.tinyode.transforms.ExampleResult;
import org.tinyode.transforms.JoinPerExample;
import org.tinyode.transforms.SummarizeAgreement;
import org.tinyode.transforms.backend.BackendSpec;
import org.tinyode.transforms.backend.ModelSource;
import org.tinyode.transforms.io.CompareSchema;
import org.tinyode.transforms.io.TableFiles;
import org.tinyode.transforms.io.WriteJsonLines;
import org.tinyode.transforms.io.WriteParquet;
import org.tinyode.transforms.stats.AgreementRow;
import org.tinyode.transforms.stats.Divergence;

/**
 * {@code tinyode compare}: several backends over the same shards and batches in one pipeline, joined per example:
 * everything evaluate writes, plus {@code agreement} (per pair: top-1 agreement, McNemar's exact test, flips),
 * {@code divergence} (golden vs fpga per example: exact match, mismatching elements, max |Δ| LSB, first diverging
 * stage) and {@code paper_table} (when fpga ran: host-software rows with the software backend, modeled cortex-a53
 * rows always). Any golden↔fpga mismatch makes the run INVALID.
 */
public final class ComparePipeline {
  private ComparePipeline() {}

  static RunReport run(CompareOptions o, PrintStream out) throws DatasetException {
    List<String> kinds = Arrays.stream(o.getBackends().split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
        .filter(s -> !s.isEmpty()).distinct().toList();
    if (kinds.size() < 2) {
      throw new IllegalArgumentException("--backends needs at least two of software, golden, fpga (got "
          + o.getBackends() + ")");
    }
    boolean diverge = kinds.contains(BackendSpec.GOLDEN) && kinds.contains(BackendSpec.FPGA);
    List<BackendSpec> specs = new ArrayList<>();
    for (String k : kinds) {
      specs.add(RunDriver.spec(k, o, diverge));
    }
    List<String> fabricStages = diverge ? fabricStages(specs) : List.of();
    return RunDriver.run("compare", o, specs, new RunDriver.Extension() {
      @Override
      public void extend(Pipeline p, PCollection<ExampleResult> results, Path output) {
        PCollection<KV<String, List<ExampleResult>>> joined = results.apply("Join", JoinPerExample.byExampleId());
        joined.apply("Agreement", SummarizeAgreement.perPair())
            .apply("AgreementJson", WriteJsonLines.to(output + "/" + EvaluationGraph.AGG + "/agreement.jsonl"));
        if (diverge) {
          PCollection<Divergence> d = joined.apply("Divergence", DivergeGoldenFpga.over(fabricStages));
          d.apply("DivergenceParquet", WriteParquet.to(output.toString(), "divergence", CompareSchema.DIVERGENCE,
              CompareSchema::divergence, 1));
          d.apply("DivergenceJson", WriteJsonLines.to(output + "/" + EvaluationGraph.AGG + "/divergence.jsonl"));
        }
      }

      @Override
      public void after(Path output, Validity.Checker checker, PrintStream console) {
        Path agg = output.resolve(EvaluationGraph.AGG);
        List<AgreementRow> agreement = Aggregates.lines(agg.resolve("agreement.jsonl"), AgreementRow.class);
        TableFiles.write(output, "agreement", CompareSchema.AGREEMENT,
            agreement.stream().map(CompareSchema::agreement).toList());
        console.println();
        console.println("== agreement (top-1)");
        for (AgreementRow a : agreement) {
          console.printf(Locale.ROOT, "%-8s vs %-8s %6.2f %% of %d agree, %d flips, only-%s right %d, only-%s right %d,"
              + " McNemar exact p = %.4g%n", a.backendA(), a.backendB(), 100 * a.agreement(), a.examples(), a.flips(),
              a.backendA(), a.onlyA(), a.backendB(), a.onlyB(), a.mcnemarP());
        }
        if (diverge) {
          List<Divergence> d = Aggregates.lines(agg.resolve("divergence.jsonl"), Divergence.class);
          long mism = d.stream().filter(x -> !x.exactMatch()).count();
          console.printf(Locale.ROOT, "== golden vs fpga: %d of %d examples bit-exact, %d mismatches%n",
              d.size() - mism, d.size(), mism);
          if (mism > 0) {
            checker.reason(mism + " of " + d.size() + " examples differ between golden and fpga (see divergence)");
          }
        }
        if (kinds.contains(BackendSpec.FPGA)) {
          // host-software rows need the software backend; the modeled cortex-a53 rows only the fpga run + spec
          Aggregates a = Aggregates.read(output);
          TableFiles.write(output, "paper_table", CompareSchema.PAPER_TABLE,
              PaperTable.build(a, modelSpec(specs, BackendSpec.FPGA), PaperTable.profileOf(a)));
        }
      }
    }, out);
  }

  private static List<String> fabricStages(List<BackendSpec> specs) {
    return modelSpec(specs, BackendSpec.GOLDEN).stages().stream().map(s -> s.name()).toList();
  }

  private static ModelSpec modelSpec(List<BackendSpec> specs, String kind) {
    BackendSpec b = specs.stream().filter(s -> s.kind().equals(kind)).findFirst().orElseThrow();
    return ModelSource.load(b.model(), true).weights().spec();
  }

  public static void main(String[] args) throws DatasetException {
    PipelineOptionsFactory.register(CompareOptions.class);
    CompareOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(CompareOptions.class);
    System.exit(run(o, System.out).validity().valid() ? 0 : 3);
  }
}
