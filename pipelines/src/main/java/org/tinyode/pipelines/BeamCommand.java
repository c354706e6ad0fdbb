package org.tinyode.pipelines;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.tinyode.datasets.DatasetException;
import org.tinyode.model.spec.SpecException;
import org.tinyode.model.weights.WeightsException;
import picocli.CommandLine;

/**
 * A picocli command whose options are Beam {@link PipelineOptions} ({@code --name=value}); {@code --help} prints
 * them all (Beam's own listing of the options interface and what it extends). Exit codes: 0 VALID run, 1 bad
 * input, 2 usage, 3 the run finished but is INVALID (see validity.json).
 */
abstract class BeamCommand<O extends PipelineOptions> implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Unmatched List<String> args = new java.util.ArrayList<>();

  abstract Class<O> optionsClass();

  abstract RunReport run(O options, PrintStream out) throws Exception;

  static {
    // Beam and Arrow log every file move at INFO; keep the console for progress and the summary.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.sdk.io.FileBasedSink", "error");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.sdk.util.MutationDetectors", "error");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.flink", "error");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.beam.runners.flink", "error");
    }
  }

  @Override
  public Integer call() {
    PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
    if (args.contains("--help") || args.contains("-h")) {
      spec.commandLine().usage(spec.commandLine().getOut());
      PipelineOptionsFactory.register(optionsClass());
      PipelineOptionsFactory.printHelp(out, optionsClass());
      return 0;
    }
    O options;
    try {
      PipelineOptionsFactory.register(optionsClass());
      options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().as(optionsClass());
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
      return 2;
    }
    try {
      RunReport r = run(options, out);
      return r == null || r.validity().valid() ? 0 : 3;
    } catch (DatasetException | WeightsException | SpecException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
      return 1;
    } catch (Exception e) {
      spec.commandLine().getErr().println(spec.name() + ": failed: " + e);
      return 1;
    }
  }

  /** Bridges a PrintStream onto picocli's PrintWriter (tests capture that). */
  private static final class WriterStream extends java.io.OutputStream {
    private final java.io.PrintWriter w;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    WriterStream(java.io.PrintWriter w) {
      this.w = w;
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        flush();
      }
    }

    @Override
    public synchronized void flush() {
      w.print(line.toString(StandardCharsets.UTF_8));
      w.flush();
      line.reset();
    }
  }
}
