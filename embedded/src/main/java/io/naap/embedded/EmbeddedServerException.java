package io.naap.embedded;

/** A local server (anvil or PostgreSQL) could not be found, started or stopped. */
public final class EmbeddedServerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EmbeddedServerException(String message) {
    super(message);
  }

  public EmbeddedServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
