package io.naap.indexer.decode;

/**
 * A log whose topics or data do not decode as the event its topic 0 names. Thrown and caught inside
 * the decoder, which turns it into {@link Decoded.Unknown}; it carries no stack trace (chain data
 * is not a bug, and a malformed log must cost little).
 */
final class MalformedLogException extends RuntimeException {
  MalformedLogException(String message) {
    super(message, null, false, false);
  }
}
