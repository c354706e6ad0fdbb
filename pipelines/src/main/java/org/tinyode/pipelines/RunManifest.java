package org.tinyode.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.ReleaseInfo;

/**
 * {@code run_manifest.json}: what ran, on what, from what. Options (as Beam serialises them), tool versions, git
 * commit, SHA-256 of every model and of the shard manifest, backend and board descriptions, start and end time.
 */
record RunManifest(String command, JsonNode options, Map<String, String> versions, String gitCommit,
    boolean gitDirty, String dataset, String shardManifestSha256, int selectedExamples, int batches,
    List<Map<String, Object>> backends, String start, String end, double wallSeconds, String outputDir) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static RunManifest of(String command, PipelineOptions options, RunInputs in, List<Map<String, Object>> backends,
      Instant start, Instant end, Path output) {
    touchEveryOption(options);
    JsonNode opts;
    try {
      opts = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(options)).path("options");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> v = new LinkedHashMap<>();
    v.put("tinyode", String.valueOf(TinyOde.class.getPackage().getImplementationVersion()));
    v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    v.put("arch", System.getProperty("os.arch"));
    v.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    v.put("beam", ReleaseInfo.getReleaseInfo().getVersion());
    v.put("runner", options.getRunner().getSimpleName());
    String commit = git("rev-parse", "HEAD");
    String status = git("status", "--porcelain");
    return new RunManifest(command, opts, v, commit == null ? "unknown" : commit, status != null && !status.isEmpty(),
        in.dataset().path(), in.manifestSha256(), in.manifest().selected(), in.batches().size(), backends,
        start.toString(), end.toString(), (end.toEpochMilli() - start.toEpochMilli()) / 1000.0, output.toString());
  }

  /** Beam serialises only options that were set or read: read every TinyODE option so all are recorded. */
  private static void touchEveryOption(PipelineOptions options) {
    for (Class<?> c : options.getClass().getInterfaces()) {
      if (!c.getName().startsWith("org.tinyode.")) {
        continue;
      }
      for (java.lang.reflect.Method m : c.getMethods()) {
        if (m.getName().startsWith("get") && m.getParameterCount() == 0
            && m.getDeclaringClass().getName().startsWith("org.tinyode.")) {
          try {
            m.invoke(options);
          } catch (ReflectiveOperationException e) {
            // not an option getter we can read: leave it out of the manifest
          }
        }
      }
    }
  }

  /** Output of a git command in the project root, or null. */
  static String git(String... args) {
    try {
      String[] cmd = new String[args.length + 3];
      cmd[0] = "git";
      cmd[1] = "-C";
      cmd[2] = ProjectPaths.root().toString();
      System.arraycopy(args, 0, cmd, 3, args.length);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  void write(Path file) {
    try {
      JSON.writeValue(file.toFile(), this);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
