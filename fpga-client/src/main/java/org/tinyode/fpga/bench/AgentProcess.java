package org.tinyode.fpga.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code board --boards N} agent in a child JVM (same classpath), so the client's CPU time is measured apart
 * from the agents'. It is started with {@code --until-stdin-closes}: {@link #close} closes its stdin and waits;
 * if this JVM dies, the pipe closes and the agent stops too.
 */
final class AgentProcess implements AutoCloseable {
  private final Process process;
  private final List<String> addresses;

  private AgentProcess(Process process, List<String> addresses) {
    this.process = process;
    this.addresses = addresses;
  }

  static AgentProcess start(List<String> agentArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("org.tinyode.fpga.agent.BoardAgentCommand");
    cmd.addAll(agentArgs);
    cmd.add("--until-stdin-closes");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      System.out.println("  agent: " + line);
      if (line.startsWith("addresses: ")) {
        List<String> addrs = Arrays.asList(line.substring("addresses: ".length()).trim().split(" "));
        Thread drain = new Thread(() -> {
          try {
            out.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ignored) {
            // agent gone
          }
        }, "agent-stdout");
        drain.setDaemon(true);
        drain.start();
        return new AgentProcess(p, addrs);
      }
    }
    p.destroy();
    throw new IOException("agent exited (code " + waitFor(p) + ") before printing its addresses");
  }

  private static int waitFor(Process p) {
    try {
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  List<String> addresses() {
    return addresses;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    if (waitFor(process) < 0) {
      process.destroy();
      waitFor(process);
    }
  }
}
