package org.tinyode.datasets.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dataset} command: inspect, convert and shard datasets. Works standalone ({@link #main}) and as a
 * subcommand of {@code tinyode}. Exit codes: 0 ok, 1 bad input ({@code error: <message>} on stderr), 2 usage.
 */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Inspect, convert and shard image datasets (STL-10 binary, CIFAR-10 binary, image folders/archives).",
    subcommands = {InspectCommand.class, ConvertCommand.class, ShardsCommand.class})
public final class DatasetCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: usage error (exit 2). */
  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (inspect, convert, shards)");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DatasetCommand()).execute(args));
  }
}
