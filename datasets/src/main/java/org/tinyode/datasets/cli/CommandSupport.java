package org.tinyode.datasets.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tinyode.datasets.DatasetException;
import picocli.CommandLine;

/** Shared error handling: bad input becomes one {@code error: <message>} line on stderr and exit code 1. */
final class CommandSupport {

  static final int BAD_INPUT = 1;

  private CommandSupport() {}

  /** Runs {@code body}; DatasetException → one-line error, exit 1. */
  static int run(CommandLine.Model.CommandSpec spec, Callable<Integer> body) throws Exception {
    try {
      return body.call();
    } catch (DatasetException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: " + e.getMessage().replace('\n', ' '));
      err.flush();
      return BAD_INPUT;
    }
  }

  /** Threads used for decoding: every available core. */
  static int threads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
