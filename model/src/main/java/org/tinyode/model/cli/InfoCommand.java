package org.tinyode.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinyode.model.spec.ModelCost;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.StageCost;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model info}: parameters, deployed bytes and MACs per stage, and the ZCU104 on-chip budget. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Parameters, weight bytes at deployed bit widths, MACs per stage; does the FPGA part fit on chip?")
final class InfoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cs;

  @Option(names = "--model", description = "Weights file (float or quantized); its embedded spec is used.")
  Path model;

  @Option(names = "--preset", description = "Built-in spec: paper-stl10, cifar10-ode.")
  String preset;

  @Option(names = "--spec", description = "Model spec JSON file.")
  Path specFile;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return CommandSupport.run(cs, this::info);
  }

  private int info() throws Exception {
    ModelSpec spec = CommandSupport.specFrom(cs, preset, specFile, model);
    ModelCost cost = ModelCost.of(spec);
    OnChipBudget b = OnChipBudget.of(spec);
    PrintWriter out = cs.commandLine().getOut();
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("model", spec.name());
      o.put("stages", cost.stages());
      o.put("totalParams", cost.totalParams());
      o.put("totalMacs", cost.totalMacs());
      o.put("fpgaParams", cost.fpgaParams());
      o.put("fpgaMacs", cost.fpgaMacs());
      o.put("fpgaWeightBytes", b.weightBytes());
      o.put("fpgaActivationBytes", b.activationBytes());
      o.put("onChipBytes", b.capacityBytes());
      o.put("fits", b.fits());
      o.put("resnet50Params", ModelCost.RESNET50_PARAMS_10_CLASSES);
      o.put("reductionVsResNet50", cost.reductionVsResNet50());
      o.put("how", "modeled:ModelCost/OnChipBudget (counts from the spec; ZCU104 BRAM 312x36Kb + URAM 96x288Kb)");
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o));
    } else {
      out.printf(Locale.ROOT, "model %s (%d classes, input %dx%dx3)%n", spec.name(), spec.numClasses(),
          spec.input().height(), spec.input().width());
      out.printf(Locale.ROOT, "%-8s %-18s %-5s %12s %14s %14s%n", "stage", "kind", "dev", "params", "deployed B",
          "MACs/image");
      for (StageCost s : cost.stages()) {
        out.printf(Locale.ROOT, "%-8s %-18s %-5s %,12d %,14d %,14d%n", s.name(), s.kind(), s.device(), s.params(),
            s.deployedBytes(), s.macs());
      }
      out.printf(Locale.ROOT, "total params %,d (ResNet-50/10 classes %,d: %.1fx fewer); MACs/image %,d (FPGA %,d)%n",
          cost.totalParams(), ModelCost.RESNET50_PARAMS_10_CLASSES, cost.reductionVsResNet50(), cost.totalMacs(),
          cost.fpgaMacs());
      out.printf(Locale.ROOT, "FPGA weights %,d B (int8 weights, int32 bias + int8 frac per channel, int8 rel emb)"
          + " + largest activation working set %,d B (int8) = %,d B%n", b.weightBytes(), b.activationBytes(),
          b.neededBytes());
      out.printf(Locale.ROOT, "ZCU104 on-chip: BRAM 312 x 36 Kb = %,d B (11.0 Mb) + URAM 96 x 288 Kb = %,d B (27.0 Mb)"
          + " = %,d B -> %s (%.1f%% used) [modeled:OnChipBudget]%n", b.bramBytes(), b.uramBytes(),
          b.capacityBytes(), b.fits() ? "FITS" : "DOES NOT FIT", 100.0 * b.neededBytes() / b.capacityBytes());
    }
    out.flush();
    return 0;
  }
}
