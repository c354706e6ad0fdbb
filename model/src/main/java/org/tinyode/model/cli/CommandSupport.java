package org.tinyode.model.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinyode.model.spec.ModelSpec;
import org.tinyode.model.spec.SpecException;
import org.tinyode.model.weights.WeightsException;
import picocli.CommandLine;

/** Bad input (spec, weights, I/O) becomes one {@code error: <message>} line on stderr and exit code 1. */
final class CommandSupport {
  static final int BAD_INPUT = 1;

  private CommandSupport() {}

  static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (SpecException | WeightsException | UncheckedIOException | IllegalArgumentException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + String.valueOf(e.getMessage()).replace('\n', ' '));
      err.flush();
      return BAD_INPUT;
    }
  }

  /** Exactly one of the three sources; usage error otherwise. */
  static ModelSpec specFrom(CommandLine.Model.CommandSpec cs, String preset, Path specFile, Path model) {
    int n = (preset != null ? 1 : 0) + (specFile != null ? 1 : 0) + (model != null ? 1 : 0);
    if (n != 1) {
      throw new CommandLine.ParameterException(cs.commandLine(), "give exactly one of --model, --preset, --spec");
    }
    if (preset != null) {
      return ModelSpec.preset(preset);
    }
    if (specFile != null) {
      return ModelSpec.load(specFile);
    }
    return org.tinyode.model.weights.WeightsFile.load(model, null).spec();
  }
}
