package io.naap.bindings.deploy;

/** A contract could not be deployed; the message names the contract and the cause. */
public final class DeploymentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DeploymentException(String message, Throwable cause) {
    super(message, cause);
  }

  DeploymentException(String message) {
    super(message);
  }
}
