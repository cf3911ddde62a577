package io.naap.api;

/** The API server could not start, with the setting to look at in the message. */
public final class ApiServerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ApiServerException(String message, Throwable cause) {
    super(message, cause);
  }
}
