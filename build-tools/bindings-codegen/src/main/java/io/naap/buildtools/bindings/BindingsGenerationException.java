package io.naap.buildtools.bindings;

/** The bindings could not be generated; the message names the file or setting and the fix. */
public final class BindingsGenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BindingsGenerationException(String message) {
    super(message);
  }

  BindingsGenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
