package org.tinyode.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.tinyode.datasets.DatasetException;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;
import org.tinyode.datasets.ShardManifest;
import org.tinyode.datasets.ShardPlanner;
import org.tinyode.fpga.protocol.Sha256;
import org.tinyode.transforms.BatchRef;
import org.tinyode.transforms.DatasetRef;

/**
 * What a run reads, fixed in the driver before the pipeline starts: the dataset, its shard manifest (written to
 * {@code <output>/shard_manifest.json}, hashed) and the batches cut from it.
 */
record RunInputs(DatasetRef dataset, List<String> classNames, ShardManifest manifest, String manifestSha256,
    List<BatchRef> batches) {

  static RunInputs plan(TinyOdeOptions o, Path output) throws DatasetException {
    String format = o.getFormat().isEmpty() ? null : o.getFormat();
    DatasetRef ref = new DatasetRef(ProjectPaths.resolve(o.getDataset()), format, o.getSplit());
    ImageDataset ds = Datasets.open(Path.of(ref.path()), format, o.getSplit());
    List<String> classes = o.getClasses().isEmpty() ? null
        : Arrays.stream(o.getClasses().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    ShardManifest m = ShardPlanner.plan(ds, ref.path(), new ShardPlanner.Request(o.getShards(),
        ShardPlanner.CONTIGUOUS, o.getLimit() > 0 ? o.getLimit() : null, classes, null));
    List<String> names = ds.classNames();
    ds.close();
    String json = m.toJson();
    try {
      Files.createDirectories(output);
      Files.writeString(output.resolve("shard_manifest.json"), json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output.resolve("shard_manifest.json"), e);
    }
    return new RunInputs(ref, names, m, Sha256.hex(json.getBytes(StandardCharsets.UTF_8)),
        BatchRef.cut(m, o.getBatchSize()));
  }
}
