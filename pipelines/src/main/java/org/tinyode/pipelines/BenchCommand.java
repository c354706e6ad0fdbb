package org.tinyode.pipelines;

import org.tinyode.floatmodel.bench.GoldenVsFloatBench;
import org.tinyode.fpga.bench.BoardThroughputBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tinyode bench}: every benchmark of the project under one command, each measuring its candidates side by
 * side in one run and printing ratios (never a timed unit test: these machines are shared and noisy).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: pipeline vs bare backend loop, golden vs DJL float model (JMH), emulated board pools.",
    commandListHeading = "%nBenchmarks:%n")
final class BenchCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The {@code bench} command line with its benchmarks registered. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new BenchCommand());
    cli.addSubcommand("pipeline", new BenchmarkCommand());
    cli.addSubcommand("golden-vs-float", new GoldenVsFloatBench());
    cli.addSubcommand("boards", new BoardThroughputBench());
    return cli;
  }

  /** Without a benchmark name: usage error. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark name");
  }
}
