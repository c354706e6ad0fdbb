package org.tinyode.model.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyode.model.onnx.StateDictImport;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.weights.WeightsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model import-state-dict}: a PyTorch state_dict safetensors file into a TinyODE float weights file. */
@Command(name = "import-state-dict", mixinStandardHelpOptions = true,
    description = "Turn safetensors.torch.save_file(model.state_dict()) output into a TinyODE float weights file "
        + "(names/shapes checked against the spec; README: 'Weights from PyTorch').")
final class ImportStateDictCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec cs;

  @Option(names = "--state-dict", required = true, description = "PyTorch state_dict saved with safetensors.")
  Path stateDict;

  @Option(names = "--preset", description = "Spec preset (cifar10-ode, paper-stl10).")
  String preset;

  @Option(names = "--spec", description = "Spec JSON file (instead of --preset).")
  Path specFile;

  @Option(names = "--out", required = true, description = "TinyODE float weights file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    return CommandSupport.run(cs, () -> {
      ModelSpec spec = CommandSupport.specFrom(cs, preset, specFile, null);
      WeightsFile w = StateDictImport.fromStateDict(stateDict, spec);
      w.save(out);
      PrintWriter o = cs.commandLine().getOut();
      o.printf("wrote %s: float weights for spec \"%s\", %d tensors, sha256 %s%n", out, spec.name(),
          w.tensors().size(), w.sha256());
      o.flush();
      return 0;
    });
  }
}
