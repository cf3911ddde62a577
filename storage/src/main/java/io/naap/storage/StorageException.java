package io.naap.storage;

/**
 * The database could not be reached, migrated, read or written. The message names the operation and
 * its subject; the cause is the driver's, Flyway's or jOOQ's exception.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
