package org.tinyode.model.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyode.model.golden.GoldenModel;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.WeightsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model check}: load a weights file, verify checksum, spec and every tensor; quantized files are also
 * built into a golden model. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Verify a weights file: SHA-256, embedded spec, tensor names/dtypes/shapes (exit 1 on any problem).")
final class CheckCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cs;

  @Option(names = "--model", required = true, description = "Weights file (.safetensors).")
  Path model;

  @Option(names = "--preset", description = "Also require the embedded spec to equal this preset.")
  String preset;

  @Override
  public Integer call() throws Exception {
    return CommandSupport.run(cs, () -> {
      WeightsFile w = WeightsFile.load(model, preset == null ? null : ModelSpec.preset(preset));
      if (w.kind() == WeightsFile.Kind.QUANTIZED) {
        GoldenModel.of(w);
      }
      PrintWriter out = cs.commandLine().getOut();
      out.printf("ok: %s, %s weights for spec \"%s\", %d tensors, sha256 %s%n", model, w.kind().label(),
          w.spec().name(), w.tensors().size(), w.sha256());
      out.printf("provenance: %s%n", w.provenance().toJson());
      out.flush();
      return 0;
    });
  }
}
