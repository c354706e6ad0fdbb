package org.tinyode.datasets;

import java.nio.file.Path;
import java.util.List;

/** Reads STL-10 {@code fold_indices.txt}: 10 lines, each space-separated 0-based train indices. */
final class Stl10Folds {

  static final int FOLDS = 10;

  private Stl10Folds() {}

  static int[] read(Path file, int k) throws DatasetException {
    if (k < 0 || k >= FOLDS) {
      throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, file.toString(), -1, -1,
          "fold " + k + " outside 0.." + (FOLDS - 1));
    }
    List<String> lines = BinaryFiles.lines(file);
    if (lines.size() <= k) {
      throw new DatasetException(DatasetException.Kind.TRUNCATED, file.toString(), -1, -1,
          "has " + lines.size() + " fold lines, fold " + k + " is missing");
    }
    String[] tokens = lines.get(k).split("\\s+");
    int[] out = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      try {
        out[i] = Integer.parseInt(tokens[i]);
      } catch (NumberFormatException e) {
        throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1,
            "line " + (k + 1) + ", item " + (i + 1) + ": not an index: '" + tokens[i] + "'");
      }
      if (out[i] < 0) {
        throw new DatasetException(DatasetException.Kind.UNREADABLE, file.toString(), -1, -1,
            "line " + (k + 1) + ", item " + (i + 1) + ": negative index " + out[i]);
      }
    }
    return out;
  }
}
