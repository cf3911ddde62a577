package io.naap.telemetry.decode;

/**
 * An input whose records cannot be counted reliably: a JSON array that is truncated or has garbage
 * between its elements, a corrupt gzip stream, or an input that is neither a JSON array nor NDJSON.
 * Nothing of such an input should be accepted; records already handed to a streaming sink before
 * the failure were delivered, and the caller decides what to do with them.
 */
public final class MalformedInputException extends TelemetryInputException {

  private static final long serialVersionUID = 1L;

  private final long byteOffset;
  private final long recordIndex;

  MalformedInputException(String message, long byteOffset, long recordIndex, Throwable cause) {
    super(message, cause);
    this.byteOffset = byteOffset;
    this.recordIndex = recordIndex;
  }

  /** Where the input broke, in bytes from its start (after decompression); -1 when unknown. */
  public long byteOffset() {
    return byteOffset;
  }

  /** The position (0-based) of the record being read when the input broke. */
  public long recordIndex() {
    return recordIndex;
  }
}
