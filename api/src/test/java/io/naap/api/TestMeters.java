package io.naap.api;

import io.helidon.metrics.api.MeterRegistry;

/**
 * The one meter registry of the test JVM, as the app has one per process: Helidon's Micrometer
 * provider warns about, and partly shares meters between, several registries.
 */
final class TestMeters {
  static final MeterRegistry REGISTRY = MeterRegistry.create();

  private TestMeters() {}
}
