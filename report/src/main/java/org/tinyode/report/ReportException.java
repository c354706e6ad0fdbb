package org.tinyode.report;

/** A run folder that cannot be reported on; the message names the folder or file. */
public final class ReportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportException(String message) {
    super(message);
  }
}
