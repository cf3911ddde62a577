package io.naap.app.verify;

/**
 * {@code naap verify} cannot reach a verdict: the API or the chain is unreachable, or the API has
 * nothing to verify (no attestation, no leaf) or answers something that is not an attestation.
 */
public final class VerifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  VerifyException(String message) {
    super(message);
  }

  VerifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
