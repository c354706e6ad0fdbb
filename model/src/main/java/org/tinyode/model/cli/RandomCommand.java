package org.tinyode.model.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyode.model.quant.Quantizer;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.RandomWeights;
import org.tinyode.model.weights.WeightsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model random}: seeded random weights (provenance "untrained random initialisation (timing only)"). */
@Command(name = "random", mixinStandardHelpOptions = true,
    description = "Write seeded random float or quantized weights for a spec (timing runs and tests only).")
final class RandomCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cs;

  @Option(names = "--preset", description = "Built-in spec.")
  String preset;

  @Option(names = "--spec", description = "Model spec JSON file.")
  Path specFile;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quantized", description = "Quantize with the default activation formats (frac "
      + Quantizer.DEFAULT_FRAC + " on every edge).")
  boolean quantized;

  @Option(names = "--out", required = true, description = "Output .safetensors file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    return CommandSupport.run(cs, () -> {
      ModelSpec spec = CommandSupport.specFrom(cs, preset, specFile, null);
      WeightsFile w = RandomWeights.floatWeights(spec, seed);
      if (quantized) {
        w = Quantizer.quantize(w, Quantizer.defaultFracs(spec), "Quantizer.defaultFracs");
      }
      w.save(out);
      PrintWriter o = cs.commandLine().getOut();
      o.printf("wrote %s (%s, spec %s, seed %d, sha256 %s)%n", out, w.kind().label(), spec.name(), seed, w.sha256());
      o.flush();
      return 0;
    });
  }
}
