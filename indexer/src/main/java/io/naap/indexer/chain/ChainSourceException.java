package io.naap.indexer.chain;

/** The chain could not answer within the retry budget, or answered something unusable. */
public class ChainSourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChainSourceException(String message) {
    super(message);
  }

  public ChainSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
