package org.tinyode.datasets;

/**
 * Bad dataset input: a missing, truncated or inconsistent file, or an undecodable / wrongly sized record.
 *
 * <p>The message always names the file and, when known, the record (example index) and byte offset:
 * {@code <file>, record <r>, byte offset <o>: <what is wrong>}.
 */
public class DatasetException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What kind of bad input this is (lets callers and tests tell cases apart without parsing text). */
  public enum Kind {
    MISSING_FILE,
    TRUNCATED,
    LABEL_OUT_OF_RANGE,
    COUNT_MISMATCH,
    UNREADABLE,
    UNDECODABLE_IMAGE,
    WRONG_IMAGE_SIZE,
    CHECKSUM_MISMATCH,
    INVALID_REQUEST
  }

  private final Kind kind;
  private final String file;
  private final int record;
  private final long byteOffset;
  private final String detail;

  public DatasetException(Kind kind, String file, int record, long byteOffset, String detail) {
    this(kind, file, record, byteOffset, detail, null);
  }

  public DatasetException(
      Kind kind, String file, int record, long byteOffset, String detail, Throwable cause) {
    super(compose(file, record, byteOffset, detail), cause);
    this.kind = kind;
    this.file = file;
    this.record = record;
    this.byteOffset = byteOffset;
    this.detail = detail;
  }

  private static String compose(String file, int record, long byteOffset, String detail) {
    StringBuilder b = new StringBuilder(String.valueOf(file));
    if (record >= 0) {
      b.append(", record ").append(record);
    }
    if (byteOffset >= 0) {
      b.append(", byte offset ").append(byteOffset);
    }
    return b.append(": ").append(detail).toString();
  }

  public Kind getKind() {
    return kind;
  }

  /** The file (or {@code archive!entry}) the problem is in. */
  public String getFile() {
    return file;
  }

  /** The example index, or -1 when the problem is not about one record. */
  public int getRecord() {
    return record;
  }

  /** The byte offset in {@link #getFile()}, or -1 when not applicable. */
  public long getByteOffset() {
    return byteOffset;
  }

  /** The message without the file/record/offset prefix. */
  public String getDetail() {
    return detail;
  }
}
