package io.naap.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Real data captured from the Livepeer network, shared by every module's tests (copied from the
 * project's shared fixtures, so a clone builds on its own).
 */
public final class Fixtures {
  private static final String LIVEPEER = "fixtures/livepeer/";

  private Fixtures() {}

  /**
   * A live AI stream's gateway events as captured on 2026-01-08: a JSON array of 65 Kafka records,
   * each carrying a gateway event in {@code value}.
   */
  public static byte[] liveStreamCapture() {
    return read(LIVEPEER + "gateway-events-one-stream-2026-01-08.json");
  }

  /** A real {@code getNetworkCapabilities} answer for 53 orchestrators. */
  public static byte[] networkCapabilities() {
    return read(LIVEPEER + "network-capabilities.json");
  }

  private static byte[] read(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("fixture " + resource + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + resource, e);
    }
  }
}
