package org.tinyode.transforms;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tinyode.datasets.DatasetException;
import org.tinyode.datasets.Datasets;
import org.tinyode.datasets.ImageDataset;

/**
 * Where the examples come from: a dataset path, format (null = auto-detect) and split, as understood by
 * {@link Datasets#open}. Workers open it once per JVM ({@link #open()} caches) and read examples by index; the
 * datasets are thread-safe and stay open for the life of the JVM.
 */
public record DatasetRef(String path, String format, String split) implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<DatasetRef, ImageDataset> OPEN = new ConcurrentHashMap<>();

  /** The dataset, opened at most once per JVM. */
  public ImageDataset open() throws DatasetException {
    ImageDataset ds = OPEN.get(this);
    if (ds != null) {
      return ds;
    }
    synchronized (OPEN) {
      ds = OPEN.get(this);
      if (ds == null) {
        ds = Datasets.open(Path.of(path), format, split);
        OPEN.put(this, ds);
      }
      return ds;
    }
  }
}
