package org.tinyode.model.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code model} command. Works standalone ({@link #main}) and as a subcommand of {@code tinyode}.
 * Exit codes: 0 ok, 1 bad input ({@code error: <message>} on stderr), 2 usage.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Model spec cost and on-chip budget, weights file checks, random weights for timing, ONNX export, PyTorch state_dict import.",
    subcommands = {InfoCommand.class, CheckCommand.class, RandomCommand.class, ExportOnnxCommand.class,
        ImportStateDictCommand.class})
public final class ModelCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (info, check, random, export-onnx, import-state-dict)");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ModelCommand()).execute(args));
  }
}
