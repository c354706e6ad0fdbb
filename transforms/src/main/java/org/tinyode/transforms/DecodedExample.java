package org.tinyode.transforms;

import java.io.Serializable;
import org.tinyode.datasets.Example;

/**
 * A decoded example travelling through the pipeline: the dataset's {@link Example} plus the shard it came from.
 * {@code rgb} is uint8 HWC, as in {@link Example}.
 */
public record DecodedExample(String id, int shard, int index, int label, int width, int height, byte[] rgb)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static DecodedExample of(Example e, int shard) {
    return new DecodedExample(e.id(), shard, e.index(), e.label(), e.width(), e.height(), e.rgb());
  }

  public Example toExample() {
    return new Example(id, index, label, width, height, rgb);
  }
}
