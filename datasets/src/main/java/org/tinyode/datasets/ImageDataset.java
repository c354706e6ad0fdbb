package org.tinyode.datasets;

import java.util.List;

/**
 * A read-only, randomly accessible set of fixed-size RGB images with optional class labels.
 *
 * <p>Indices run from 0 to {@link #size()} - 1; the order is defined by each format (see the implementing
 * classes and {@code datasets/README.md}). {@link #get(int)} may be called from many threads concurrently.
 */
public interface ImageDataset extends AutoCloseable {

  /** "cifar10", "stl10", or the folder/archive base name. */
  String name();

  /** "stl10" | "cifar10" | "folder". */
  String format();

  /** "train", "test", "unlabeled", ... */
  String split();

  /** Number of examples. */
  int size();

  /** Class names; list index = class id. */
  List<String> classNames();

  /** Image width of every example of this dataset (first decodable image for folders). */
  int width();

  /** Image height of every example of this dataset (first decodable image for folders). */
  int height();

  /** Stable example id {@code <name>/<split>/<index>}. */
  default String exampleId(int index) {
    return name() + "/" + split() + "/" + index;
  }

  /** Class id 0..K-1, or -1 for unlabeled examples. Cheap: does not decode the image. */
  int label(int index);

  /** Decodes example {@code index}; bad data is a per-record {@link DatasetException}. Thread-safe. */
  Example get(int index) throws DatasetException;

  /** Releases open files; never throws. */
  @Override
  void close();
}
