package org.tinyode.datasets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;

/**
 * Which examples of a dataset go to which shard. Built by {@link ShardPlanner}; serialised with Jackson.
 *
 * @param dataset the dataset path as given
 * @param name dataset name (first part of example ids {@code <name>/<split>/<index>})
 * @param format "stl10" | "cifar10" | "folder"
 * @param split the split
 * @param total size of the whole split
 * @param selection what was selected before sharding
 * @param strategy "contiguous" or "hashed"
 * @param selected number of selected examples (sum of the shard sizes)
 * @param shards one entry per shard, shard index order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShardManifest(String dataset, String name, String format, String split, int total,
    Selection selection, String strategy, int selected, List<Shard> shards) {

  /**
   * The selection applied before sharding (null = not used).
   *
   * @param limit keep only the first {@code limit} examples (in index order) after the other filters
   * @param classes keep only these class names
   * @param fold keep only the train indices of this STL-10 fold
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Selection(Integer limit, List<String> classes, Integer fold) {}

  /**
   * One shard.
   *
   * @param shard shard index 0..N-1
   * @param exampleIndices example indices in ascending order
   */
  public record Shard(int shard, List<Integer> exampleIndices) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Pretty-printed JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise manifest", e);
    }
  }

  /** Parses {@link #toJson()} output. */
  public static ShardManifest fromJson(String json) throws JsonProcessingException {
    return JSON.readValue(json, ShardManifest.class);
  }
}
