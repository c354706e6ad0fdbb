package org.tinyode.datasets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a deterministic {@link ShardManifest}.
 *
 * <p>Selection (same for every strategy): start from all indices 0..size-1 (or, with a fold, that STL-10 fold's
 * train indices, sorted ascending and de-duplicated); keep the listed classes; then keep the first {@code limit}.
 *
 * <p>Strategies: {@code contiguous} cuts the selected list (index order) into N consecutive runs, shard s taking
 * positions [floor(s*n/N), floor((s+1)*n/N)). {@code hashed} puts an example in shard
 * {@code h mod N}, where h is the first 8 bytes (big-endian, unsigned) of SHA-256 over the UTF-8 example id
 * {@code <name>/<split>/<index>}: the shard of an example depends only on its id and N, never on which other
 * examples are selected or in what order. Within every shard indices are ascending.
 */
public final class ShardPlanner {

  public static final String CONTIGUOUS = "contiguous";
  public static final String HASHED = "hashed";

  /**
   * What to shard.
   *
   * @param shards number of shards, at least 1
   * @param strategy "contiguous" or "hashed"
   * @param limit null or >= 0
   * @param classes null or class names
   * @param fold null or an STL-10 fold 0..9 (stl10 train split only)
   */
  public record Request(int shards, String strategy, Integer limit, List<String> classes, Integer fold) {}

  private ShardPlanner() {}

  public static ShardManifest plan(ImageDataset ds, String datasetPath, Request req) throws DatasetException {
    if (req.shards() < 1) {
      throw invalid(datasetPath, "number of shards must be at least 1, got " + req.shards());
    }
    if (!CONTIGUOUS.equals(req.strategy()) && !HASHED.equals(req.strategy())) {
      throw invalid(datasetPath, "unknown strategy '" + req.strategy() + "' (expected contiguous or hashed)");
    }
    if (req.limit() != null && req.limit() < 0) {
      throw invalid(datasetPath, "limit must be >= 0, got " + req.limit());
    }
    int[] selected = select(ds, datasetPath, req);
    List<List<Integer>> buckets = new ArrayList<>();
    for (int s = 0; s < req.shards(); s++) {
      buckets.add(new ArrayList<>());
    }
    int n = selected.length;
    boolean hashed = HASHED.equals(req.strategy());
    for (int p = 0; p < n; p++) {
      int shard = hashed ? hashedShard(ds.exampleId(selected[p]), req.shards()) : contiguousShard(p, n, req.shards());
      buckets.get(shard).add(selected[p]);
    }
    List<ShardManifest.Shard> shards = new ArrayList<>();
    for (int s = 0; s < req.shards(); s++) {
      shards.add(new ShardManifest.Shard(s, List.copyOf(buckets.get(s))));
    }
    ShardManifest.Selection sel = new ShardManifest.Selection(req.limit(),
        req.classes() == null ? null : List.copyOf(req.classes()), req.fold());
    return new ShardManifest(datasetPath, ds.name(), ds.format(), ds.split(), ds.size(), sel, req.strategy(), n,
        List.copyOf(shards));
  }

  /** The shard s with floor(s*n/N) <= p < floor((s+1)*n/N). */
  static int contiguousShard(int p, int n, int shards) {
    int s = (int) ((long) p * shards / n);
    while ((long) (s + 1) * n / shards <= p) {
      s++;
    }
    while ((long) s * n / shards > p) {
      s--;
    }
    return s;
  }

  /** Unsigned first 8 bytes of SHA-256(UTF-8 id), mod shards. */
  public static int hashedShard(String exampleId, int shards) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(exampleId.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xFF);
      }
      return (int) Long.remainderUnsigned(h, shards);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int[] select(ImageDataset ds, String path, Request req) throws DatasetException {
    int[] candidates;
    if (req.fold() != null) {
      if (!(ds instanceof Stl10BinaryDataset stl) || !"train".equals(ds.split())) {
        throw invalid(path, "--fold needs the stl10 format and the train split (got " + ds.format() + ", "
            + ds.split() + ")");
      }
      candidates = Arrays.stream(stl.fold(req.fold())).sorted().distinct().toArray();
      for (int i : candidates) {
        if (i >= ds.size()) {
          throw new DatasetException(DatasetException.Kind.INVALID_REQUEST,
              stl.directory().resolve("fold_indices.txt").toString(), i, -1,
              "fold " + req.fold() + " names index " + i + " but the train split has " + ds.size() + " images");
        }
      }
    } else {
      candidates = java.util.stream.IntStream.range(0, ds.size()).toArray();
    }
    if (req.classes() != null) {
      Set<Integer> keep = new HashSet<>();
      for (String c : req.classes()) {
        int id = ds.classNames().indexOf(c);
        if (id < 0) {
          throw invalid(path, "unknown class '" + c + "' (classes: " + ds.classNames() + ")");
        }
        keep.add(id);
      }
      candidates = Arrays.stream(candidates).filter(i -> keep.contains(ds.label(i))).toArray();
    }
    if (req.limit() != null && req.limit() < candidates.length) {
      candidates = Arrays.copyOf(candidates, req.limit());
    }
    return candidates;
  }

  private static DatasetException invalid(String path, String detail) {
    return new DatasetException(DatasetException.Kind.INVALID_REQUEST, path, -1, -1, detail);
  }
}
