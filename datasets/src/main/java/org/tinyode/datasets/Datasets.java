package org.tinyode.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens any supported dataset by path, with format auto-detection. */
public final class Datasets {

  private Datasets() {}

  /**
   * Opens {@code path} as {@code format} ("stl10", "cifar10", "folder"; null = auto-detect) and {@code split}
   * (null = the format's default: "test" for stl10/cifar10, the only split present for folders).
   *
   * <p>Auto-detection: a .tar/.tar.gz/.tgz file is a folder archive; a folder holding {@code *_X.bin} (or a
   * {@code stl10_binary/} sub-folder) is stl10; a folder holding {@code test_batch.bin}/{@code data_batch_1.bin}/
   * {@code batches.meta.txt} (or a {@code cifar-10-batches-bin/} sub-folder) is cifar10; any other folder is an
   * image folder.
   */
  public static ImageDataset open(Path path, String format, String split) throws DatasetException {
    if (!Files.exists(path)) {
      throw new DatasetException(DatasetException.Kind.MISSING_FILE, path.toString(), -1, -1,
          "no such file or folder");
    }
    String f = format == null ? detect(path) : format.toLowerCase(Locale.ROOT);
    switch (f) {
      case "folder":
        return ImageFolderDataset.open(path, split);
      case "stl10":
        return Stl10BinaryDataset.open(binaryFolder(path, "stl10_binary"), split == null ? "test" : split);
      case "cifar10":
        return Cifar10BinaryDataset.open(binaryFolder(path, "cifar-10-batches-bin"), split == null ? "test" : split);
      default:
        throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, path.toString(), -1, -1,
            "unknown format '" + format + "' (expected stl10, cifar10 or folder)");
    }
  }

  /** The format {@link #open} would pick for {@code path}. */
  public static String detect(Path path) {
    if (!Files.isDirectory(path)) {
      return "folder";
    }
    if (Files.isDirectory(path.resolve("stl10_binary")) || hasStl10Files(path)) {
      return "stl10";
    }
    if (Files.isDirectory(path.resolve("cifar-10-batches-bin")) || hasCifarFiles(path)) {
      return "cifar10";
    }
    return "folder";
  }

  private static boolean hasStl10Files(Path dir) {
    for (String n : new String[] {"train_X.bin", "test_X.bin", "unlabeled_X.bin"}) {
      if (Files.isRegularFile(dir.resolve(n))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCifarFiles(Path dir) {
    for (String n : new String[] {"test_batch.bin", "data_batch_1.bin", "batches.meta.txt"}) {
      if (Files.isRegularFile(dir.resolve(n))) {
        return true;
      }
    }
    return false;
  }

  private static Path binaryFolder(Path path, String sub) {
    Path inner = path.resolve(sub);
    return Files.isDirectory(inner) ? inner : path;
  }
}
