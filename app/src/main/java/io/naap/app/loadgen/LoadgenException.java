package io.naap.app.loadgen;

/** The load generator's target could not take its events. */
public final class LoadgenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LoadgenException(String message) {
    super(message);
  }

  public LoadgenException(String message, Throwable cause) {
    super(message, cause);
  }
}
