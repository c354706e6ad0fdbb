package org.tinyode.pipelines;

import java.io.PrintWriter;
import org.tinyode.datasets.cli.DatasetCommand;
import org.tinyode.floatmodel.cli.TrainCommand;
import org.tinyode.fpga.agent.BoardAgentCommand;
import org.tinyode.model.cli.ModelCommand;
import org.tinyode.report.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tinyode} command: the single entry point that the {@code ./tinyode} launcher runs.
 *
 * <p>Each module that owns a command contributes a picocli {@code @Command}; this class only registers them, so
 * a newcomer finds a command's code in the module it belongs to (for example {@code dataset} lives in
 * {@code datasets/}).
 *
 * <p>Exit codes: 0 success, 1 bad input (the message names the file, record or field), 2 usage error
 * (unknown command or option).
 */
@Command(
    name = "tinyode",
    mixinStandardHelpOptions = true,
    versionProvider = TinyOdeVersion.class,
    description = "Evaluate the TinyODE Neural-ODE CNN-Transformer in float, fixed-point (golden) and on an FPGA board.",
    commandListHeading = "%nCommands:%n",
    footer = {"", "Run './tinyode <command> --help' for a command's options."})
public final class TinyOde implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Builds the command line with every registered command. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new TinyOde());
    cli.addSubcommand("dataset", new DatasetCommand());
    cli.addSubcommand("model", new ModelCommand());
    cli.addSubcommand("train", new TrainCommand());
    cli.addSubcommand("board", new BoardAgentCommand());
    cli.addSubcommand("evaluate", new EvaluateCommand());
    cli.addSubcommand("compare", new CompareCommand());
    cli.addSubcommand("report", new ReportCommand());
    cli.addSubcommand("bench", BenchCommand.commandLine());
    // A usage error always shows the usage (picocli prints only suggestions when a command name is close).
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println(ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
      c.usage(c.getErr());
      return 2;
    });
    return cli;
  }

  /** Runs the command line and returns its exit code (what {@link #main} exits with; tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  /** Without a command: print the usage and fail as a usage error. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
