package org.tinyode.datasets.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.ShardManifest;
import org.tinyode.datasets.ShardPlanner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dataset shards}: prints a deterministic shard manifest (see {@link ShardPlanner}). */
@Command(name = "shards", mixinStandardHelpOptions = true,
    description = "Split a dataset's examples into N shards and print the manifest.")
final class ShardsCommand implements Callable<Integer> {

  /** Sharding strategies. */
  enum Strategy { contiguous, hashed }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--path", required = true, description = "Dataset path.")
  Path path;

  @Option(names = "--format", description = "stl10, cifar10 or folder (default: auto-detect).")
  String format;

  @Option(names = "--split", description = "Split.")
  String split;

  @Option(names = "--shards", required = true, description = "Number of shards (>= 1).")
  int shards;

  @Option(names = "--strategy", defaultValue = "contiguous", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Strategy strategy;

  @Option(names = "--limit", description = "Keep only the first N selected examples.")
  Integer limit;

  @Option(names = "--classes", split = ",", description = "Keep only these class names (comma-separated).")
  List<String> classes;

  @Option(names = "--fold", description = "Keep only this STL-10 fold (0-9) of the train split.")
  Integer fold;

  @Option(names = "--json", description = "Print the manifest as JSON (otherwise a summary).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (shards < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--shards must be at least 1");
    }
    return CommandSupport.run(spec, () -> {
      try (ImageDataset ds = Datasets.open(path, format, split)) {
        ShardManifest m = ShardPlanner.plan(ds, path.toString(),
            new ShardPlanner.Request(shards, strategy.name(), limit, classes, fold));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(m.toJson());
        } else {
          out.printf("%s %s/%s: %d of %d examples in %d %s shards%n", m.format(), m.name(), m.split(), m.selected(),
              m.total(), shards, m.strategy());
          m.shards().forEach(s -> out.printf("  shard %d: %d examples%n", s.shard(), s.exampleIndices().size()));
        }
        out.flush();
        return 0;
      }
    });
  }
}
