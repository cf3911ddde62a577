package io.naap.telemetry.loadgen;

/** The load generator could not deliver its events; it has stopped. */
public final class LoadGenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LoadGenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
