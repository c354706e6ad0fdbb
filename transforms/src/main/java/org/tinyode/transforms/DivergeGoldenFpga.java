package org.tinyode.transforms;

import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.tinyode.transforms.backend.BackendSpec;
import org.tinyode.transforms.stats.Divergence;

/** For every example answered by both golden and fpga: where and how much their int8 FPGA-part outputs differ. */
public final class DivergeGoldenFpga
    extends PTransform<PCollection<KV<String, List<ExampleResult>>>, PCollection<Divergence>> {
  private final List<String> fabricStages;

  private DivergeGoldenFpga(List<String> fabricStages) {
    this.fabricStages = List.copyOf(fabricStages);
  }

  public static DivergeGoldenFpga over(List<String> fabricStages) {
    return new DivergeGoldenFpga(fabricStages);
  }

  @Override
  public PCollection<Divergence> expand(PCollection<KV<String, List<ExampleResult>>> joined) {
    return joined.apply("Diverge", ParDo.of(new DivergeFn(fabricStages)));
  }

  /** Compares the golden and fpga results of one example (skips examples missing either). */
  static final class DivergeFn extends DoFn<KV<String, List<ExampleResult>>, Divergence> {
    private final List<String> fabricStages;
    private final Counter mismatches = Metrics.counter(DivergeGoldenFpga.class, "golden_fpga_mismatches");

    DivergeFn(List<String> fabricStages) {
      this.fabricStages = fabricStages;
    }

    @ProcessElement
    public void process(@Element KV<String, List<ExampleResult>> kv, OutputReceiver<Divergence> out) {
      ExampleResult g = null;
      ExampleResult f = null;
      for (ExampleResult r : kv.getValue()) {
        if (r.backend().equals(BackendSpec.GOLDEN)) {
          g = r;
        } else if (r.backend().equals(BackendSpec.FPGA)) {
          f = r;
        }
      }
      if (g != null && f != null) {
        Divergence d = Divergence.of(g, f, fabricStages);
        if (!d.exactMatch()) {
          mismatches.inc();
        }
        out.output(d);
      }
    }
  }
}
