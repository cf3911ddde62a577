package io.naap.app.up;

/** {@code naap up} cannot start or run; the message says why and what to do. */
public final class UpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UpException(String message) {
    super(message);
  }

  public UpException(String message, Throwable cause) {
    super(message, cause);
  }
}
