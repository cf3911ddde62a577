package io.naap.api;

import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

/**
 * The one meter registry of the test JVM, Helidon's global one, as the app has: several Helidon
 * registries share Micrometer's global registry, warn about each other's meters, and can deadlock
 * when two requests register meters at once (helidon-io/helidon#10858).
 */
final class TestMeters {
  static final MeterRegistry REGISTRY = Metrics.globalRegistry();

  private TestMeters() {}
}
