package org.tinyode.transforms;

import java.io.Serializable;
import java.util.List;

/** The decodable examples of one {@link BatchRef} (undecodable ones went to the dead letters), index order. */
public record ExampleBatch(BatchRef ref, List<DecodedExample> examples) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ExampleBatch {
    examples = List.copyOf(examples);
  }
}
