package org.tinyode.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * The scanned content of an image folder or archive: classes and image entries in index order.
 *
 * @param name dataset name (folder or archive base name)
 * @param source the path that was opened (for messages)
 * @param split the split that was selected
 * @param classNames sorted class names (class id = position)
 * @param entries images in index order: class-major, then file name
 */
record ImageFolderIndex(
    String name, Path source, String split, List<String> classNames, List<Entry> entries) {

  /**
   * One image.
   *
   * @param label class id
   * @param displayName the file, or {@code archive!entry}, used in messages
   * @param file the file on disk (null for archive entries)
   * @param bytes the encoded image held in memory (null for files on disk)
   */
  record Entry(int label, String displayName, Path file, byte[] bytes) {}

  /** True if {@code fileName} has an image extension this reader accepts (png, jpg, jpeg; any case). */
  static boolean isImageName(String fileName) {
    String n = fileName.toLowerCase(java.util.Locale.ROOT);
    return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"));
  }
}
