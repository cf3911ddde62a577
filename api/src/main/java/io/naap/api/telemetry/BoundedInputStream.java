package io.naap.api.telemetry;

import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** A request body that may not exceed a limit: reading past it answers 413. */
final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private long read;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(long n) {
    read += n;
    if (read > limit) {
      throw new ApiException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "the body exceeds " + limit + " bytes; split it into smaller requests",
          Map.of("limitBytes", limit));
    }
  }
}
