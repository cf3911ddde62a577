package io.naap.telemetry.loadgen;

import java.util.List;

/**
 * Where the load generator delivers each tick's events (a port): into the ingestion pipeline in
 * process ({@link IngestionSink}), or to a running naap over HTTP (the app's sink).
 */
public interface EventSink {
  /**
   * Delivers one tick's events, envelope JSON texts in event-time order.
   *
   * @return what became of them
   * @throws RuntimeException when they could not be delivered; the generator stops
   */
  Delivery deliver(List<String> events);
}
