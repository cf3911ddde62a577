package io.naap.oracle;

/** The chain could not be read or written: the node failed, or refused a transaction. */
public final class OracleChainException extends RuntimeException {
  public OracleChainException(String message, Throwable cause) {
    super(message, cause);
  }

  public OracleChainException(String message) {
    super(message);
  }
}
