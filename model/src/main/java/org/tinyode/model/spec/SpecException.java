package org.tinyode.model.spec;

/** A model spec is malformed or inconsistent; the message names the field path (e.g. {@code stages[2].stepSize}). */
public class SpecException extends RuntimeException {
  private final String field;

  public SpecException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
    this.field = null;
  }

  /** The offending field path, or null when the error is not about one field (e.g. unreadable JSON). */
  public String field() {
    return field;
  }
}
