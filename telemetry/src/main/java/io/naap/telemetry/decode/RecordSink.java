package io.naap.telemetry.decode;

/** Receives the records an input is split into, in input order. */
interface RecordSink {

  /**
   * One record's text in {@code buffer[offset, offset + length)}; the buffer is reused after the
   * call returns.
   */
  void record(byte[] buffer, int offset, int length);

  /**
   * A record larger than the bound, of which only the first bytes were kept.
   *
   * @param length the record's length, or a lower bound of it when not {@code exact}
   */
  void oversized(long length, boolean exact, byte[] prefix, int prefixLength);
}
