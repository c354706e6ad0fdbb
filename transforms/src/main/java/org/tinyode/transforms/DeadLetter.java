package org.tinyode.transforms;

import java.io.Serializable;

/**
 * An example that produced no result, and why. {@code step} is where it failed: {@code decode} (the dataset
 * could not read or decode it) or {@code backend} (the model or board failed on it). {@code backend} is empty for
 * decode failures (they happen before any backend). Dead letters are an output of the run, never dropped.
 */
public record DeadLetter(String exampleId, int shard, int index, String backend, String step, String reason)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String DECODE = "decode";
  public static final String BACKEND = "backend";
}
