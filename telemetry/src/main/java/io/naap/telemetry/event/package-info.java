/**
 * Typed gateway telemetry events, one record per event family of the gateway format (plus naap's
 * extension family {@code gpu_metrics}, {@link io.naap.telemetry.event.GpuMetrics}), and the small
 * value types they use ({@link io.naap.telemetry.event.EthAddress}, {@link
 * io.naap.telemetry.event.Wei}).
 *
 * <p>Every event is a {@link io.naap.telemetry.event.GatewayEvent}: a sealed interface whose common
 * accessors (id, family, subtype, time, gateway, stream, request, orchestrator, JSON text) are what
 * the raw event store needs; the family records add what the KPIs need. Absent, {@code null} and
 * empty-string fields are {@code Optional.empty()}: the producer uses empty strings for "unknown".
 * Instances are made by {@code io.naap.telemetry.decode}, which enforces the format's rules; the
 * records here only hold values and check their own invariants.
 */
package io.naap.telemetry.event;
