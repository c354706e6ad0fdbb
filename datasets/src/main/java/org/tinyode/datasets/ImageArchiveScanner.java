package org.tinyode.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a {@code .tar}, {@code .tar.gz} or {@code .tgz} holding {@code [prefix/]<split>/<class>/<image>} once,
 * keeping each image's encoded bytes in memory (nothing is extracted to disk). Entries of the form
 * {@code <class>/<image>} (no split folder) are accepted too. Sorting and skipping rules are those of
 * {@link ImageDirectoryScanner}.
 */
final class ImageArchiveScanner {

  private ImageArchiveScanner() {}

  /** True if {@code path}'s name ends in .tar, .tar.gz or .tgz. */
  static boolean isArchive(Path path) {
    String n = ImageDirectoryScanner.fileName(path).toLowerCase(Locale.ROOT);
    return n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
  }

  /** The archive name without its .tar/.tar.gz/.tgz ending. */
  static String baseName(Path path) {
    String n = ImageDirectoryScanner.fileName(path);
    String lower = n.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".tar.gz", ".tgz", ".tar"}) {
      if (lower.endsWith(ext)) {
        return n.substring(0, n.length() - ext.length());
      }
    }
    return n;
  }

  private record Item(String[] parts, String entryName, byte[] bytes) {}

  static ImageFolderIndex scan(Path archive, String split) throws DatasetException {
    List<Item> items = readImages(archive);
    String file = archive.toString();
    TreeSet<String> splits = new TreeSet<>();
    boolean flat = false;
    for (Item it : items) {
      if (it.parts.length >= 3) {
        splits.add(it.parts[it.parts.length - 3]);
      } else {
        flat = true;
      }
    }
    String chosen = split;
    if (chosen == null) {
      if (splits.size() > 1) {
        throw new DatasetException(DatasetException.Kind.INVALID_REQUEST, file, -1, -1,
            "several splits " + splits + "; choose one with --split");
      }
      chosen = splits.isEmpty() ? "all" : splits.first();
    }
    final String want = chosen;
    List<Item> selected = items.stream()
        .filter(it -> it.parts.length >= 3 ? it.parts[it.parts.length - 3].equals(want) : !splits.contains(want))
        .toList();
    if (selected.isEmpty() && !flat) {
      throw new DatasetException(DatasetException.Kind.MISSING_FILE, file, -1, -1,
          "no images for split '" + want + "' (splits found: " + splits + ")");
    }
    if (selected.isEmpty()) {
      throw new DatasetException(DatasetException.Kind.MISSING_FILE, file, -1, -1,
          "no <split>/<class>/<image>.{png,jpg,jpeg} entries found");
    }
    TreeMap<String, List<Item>> byClass = new TreeMap<>();
    for (Item it : selected) {
      byClass.computeIfAbsent(it.parts[it.parts.length - 2], k -> new ArrayList<>()).add(it);
    }
    List<String> classes = new ArrayList<>(byClass.keySet());
    List<ImageFolderIndex.Entry> entries = new ArrayList<>(selected.size());
    int label = 0;
    for (List<Item> group : byClass.values()) {
      group.sort(Comparator.comparing((Item it) -> it.parts[it.parts.length - 1])
          .thenComparing(Item::entryName));
      for (Item it : group) {
        entries.add(new ImageFolderIndex.Entry(label, file + "!" + it.entryName, null, it.bytes));
      }
      label++;
    }
    return new ImageFolderIndex(baseName(archive), archive, want, List.copyOf(classes), List.copyOf(entries));
  }

  private static List<Item> readImages(Path archive) throws DatasetException {
    String file = archive.toString();
    List<Item> items = new ArrayList<>();
    TarArchiveInputStream tar = null;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
      String lower = file.toLowerCase(Locale.ROOT);
      InputStream in = lower.endsWith(".tar") ? raw : new GzipCompressorInputStream(raw, true);
      tar = new TarArchiveInputStream(in);
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        String name = entry.getName();
        String clean = name.startsWith("./") ? name.substring(2) : name;
        String[] parts = clean.split("/");
        if (parts.length < 2 || !ImageFolderIndex.isImageName(parts[parts.length - 1]) || hidden(parts)) {
          continue;
        }
        long size = entry.getSize();
        if (size > Integer.MAX_VALUE - 16) {
          throw new DatasetException(DatasetException.Kind.UNREADABLE, file + "!" + name, -1, -1,
              "entry too large (" + size + " bytes)");
        }
        byte[] bytes = tar.readAllBytes();
        if (bytes.length != size) {
          throw new DatasetException(DatasetException.Kind.TRUNCATED, file + "!" + name, -1, tar.getBytesRead(),
              "entry has " + bytes.length + " of " + size + " bytes");
        }
        items.add(new Item(parts, clean, bytes));
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException(DatasetException.Kind.MISSING_FILE, file, -1, -1, "no such file");
    } catch (IOException e) {
      long at = tar == null ? -1 : tar.getBytesRead();
      throw new DatasetException(DatasetException.Kind.UNREADABLE, file, -1, at,
          "cannot read archive (offset is in the uncompressed tar stream): " + e.getMessage(), e);
    }
    return items;
  }

  private static boolean hidden(String[] parts) {
    for (String p : parts) {
      if (p.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
