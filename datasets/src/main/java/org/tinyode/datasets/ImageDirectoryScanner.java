package org.tinyode.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scans {@code <root>/<split>/<class>/<image>} on disk. Also accepts the split folder itself (the parent of the
 * class folders). Class folders and files are sorted by {@link String#compareTo}; hidden names are skipped, and
 * images directly inside the split folder (outside a class folder) are ignored.
 */
final class ImageDirectoryScanner {

  private ImageDirectoryScanner() {}

  static ImageFolderIndex scan(Path path, String split) throws DatasetException {
    Path dir = path.toAbsolutePath().normalize();
    String dirName = fileName(dir);
    Path splitDir;
    String name;
    String chosenSplit;
    if (split != null && Files.isDirectory(dir.resolve(split))) {
      splitDir = dir.resolve(split);
      name = dirName;
      chosenSplit = split;
    } else if (split != null && dirName.equals(split) || isClassParent(dir)) {
      splitDir = dir;
      name = dir.getParent() == null ? dirName : fileName(dir.getParent());
      chosenSplit = split != null ? split : dirName;
    } else {
      List<String> splits = new ArrayList<>();
      for (Path child : subdirectories(dir)) {
        if (isClassParent(child)) {
          splits.add(fileName(child));
        }
      }
      if (split != null) {
        throw new DatasetException(DatasetException.Kind.MISSING_FILE, dir.resolve(split).toString(), -1, -1,
            "no split folder '" + split + "' with <class>/<image> inside (splits found: " + splits + ")");
      }
      if (splits.size() != 1) {
        throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, dir.toString(), -1, -1,
            splits.isEmpty() ? "no <split>/<class>/<image>.{png,jpg,jpeg} found"
                : "several splits " + splits + "; choose one with --split");
      }
      chosenSplit = splits.get(0);
      splitDir = dir.resolve(chosenSplit);
      name = dirName;
    }
    List<String> classes = new ArrayList<>();
    List<ImageFolderIndex.Entry> entries = new ArrayList<>();
    for (Path classDir : subdirectories(splitDir)) {
      int label = classes.size();
      classes.add(fileName(classDir));
      for (Path file : images(classDir)) {
        entries.add(new ImageFolderIndex.Entry(label, file.toString(), file, null));
      }
    }
    if (entries.isEmpty()) {
      throw new DatasetException(DatasetException.Kind.MISSING_FILE, splitDir.toString(), -1, -1,
          "no <class>/<image>.{png,jpg,jpeg} found");
    }
    return new ImageFolderIndex(name, dir, chosenSplit, List.copyOf(classes), List.copyOf(entries));
  }

  /** True if some sub-folder of {@code dir} directly holds an image. */
  private static boolean isClassParent(Path dir) throws DatasetException {
    for (Path child : subdirectories(dir)) {
      if (!images(child).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> subdirectories(Path dir) throws DatasetException {
    return list(dir, true);
  }

  private static List<Path> images(Path dir) throws DatasetException {
    return list(dir, false);
  }

  private static List<Path> list(Path dir, boolean directories) throws DatasetException {
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(DatasetException.Kind.MISSING_FILE, dir.toString(), -1, -1, "no such folder");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !fileName(p).startsWith("."))
          .filter(p -> directories ? Files.isDirectory(p)
              : Files.isRegularFile(p) && ImageFolderIndex.isImageName(fileName(p)))
          .sorted((a, b) -> fileName(a).compareTo(fileName(b)))
          .toList();
    } catch (IOException e) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, dir.toString(), -1, -1,
          "cannot list folder: " + e.getMessage(), e);
    }
  }

  static String fileName(Path p) {
    Path f = p.getFileName();
    return f == null ? p.toString() : f.toString();
  }
}
