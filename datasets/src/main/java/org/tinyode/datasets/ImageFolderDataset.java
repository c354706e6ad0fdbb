package org.tinyode.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Images in {@code <root>/<split>/<class>/<file>.{png,jpg,jpeg}}, as a folder or inside a .tar/.tar.gz.
 *
 * <p>Index order: classes sorted by name (class id = sorted position), then files sorted by name within a
 * class; so indices are class-major. The image size is that of the first decodable image; an image of another
 * size, or one that does not decode, is a per-record {@link DatasetException} from {@link #get(int)}.
 * Archive entries are held in memory (encoded) and decoded on {@code get}; folder files are read on {@code get}.
 */
public final class ImageFolderDataset implements ImageDataset {

  public static final String FORMAT = "folder";

  private final ImageFolderIndex index;
  private final int width;
  private final int height;

  private ImageFolderDataset(ImageFolderIndex index) {
    this.index = index;
    int w = 0;
    int h = 0;
    for (int i = 0; i < index.entries().size(); i++) {
      try {
        RgbImageDecoder.Rgb rgb = RgbImageDecoder.decode(bytes(i));
        w = rgb.width();
        h = rgb.height();
        break;
      } catch (IOException | DatasetException e) {
        // A bad first image is reported by get(i); the size comes from the next good one.
      }
    }
    this.width = w;
    this.height = h;
  }

  /** Opens a folder or a .tar/.tar.gz/.tgz archive; {@code split} null picks the only split present. */
  public static ImageFolderDataset open(Path path, String split) throws DatasetException {
    if (!Files.exists(path)) {
      throw new DatasetException(DatasetException.Kind.MISSING_FILE, path.toString(), -1, -1, "no such file or folder");
    }
    ImageFolderIndex index = Files.isDirectory(path)
        ? ImageDirectoryScanner.scan(path, split)
        : ImageArchiveScanner.scan(path, split);
    return new ImageFolderDataset(index);
  }

  @Override
  public String name() {
    return index.name();
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String split() {
    return index.split();
  }

  @Override
  public int size() {
    return index.entries().size();
  }

  @Override
  public List<String> classNames() {
    return index.classNames();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public int label(int i) {
    return entry(i).label();
  }

  /** The file (or {@code archive!entry}) example {@code i} comes from. */
  public String source(int i) {
    return entry(i).displayName();
  }

  @Override
  public Example get(int i) throws DatasetException {
    ImageFolderIndex.Entry e = entry(i);
    RgbImageDecoder.Rgb rgb;
    try {
      rgb = RgbImageDecoder.decode(bytes(i));
    } catch (IOException ex) {
      throw new DatasetException(DatasetException.Kind.UNDECODABLE_IMAGE, e.displayName(), i, -1,
          "cannot decode image: " + ex.getMessage(), ex);
    }
    if (rgb.width() != width || rgb.height() != height) {
      throw new DatasetException(DatasetException.Kind.WRONG_IMAGE_SIZE, e.displayName(), i, -1,
          "image is " + rgb.width() + "x" + rgb.height() + ", dataset images are " + width + "x" + height);
    }
    return new Example(exampleId(i), i, e.label(), width, height, rgb.rgb());
  }

  private byte[] bytes(int i) throws DatasetException {
    ImageFolderIndex.Entry e = entry(i);
    if (e.bytes() != null) {
      return e.bytes();
    }
    try {
      return Files.readAllBytes(e.file());
    } catch (IOException ex) {
      throw new DatasetException(DatasetException.Kind.UNREADABLE, e.displayName(), i, -1,
          "cannot read file: " + ex, ex);
    }
  }

  private ImageFolderIndex.Entry entry(int i) {
    if (i < 0 || i >= size()) {
      throw new IndexOutOfBoundsException("index " + i + " outside 0.." + (size() - 1) + " of " + name());
    }
    return index.entries().get(i);
  }

  @Override
  public void close() {
    // Nothing held open: archive bytes are released with this object.
  }
}
