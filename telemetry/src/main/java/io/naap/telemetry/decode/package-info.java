/**
 * Decoding and accounting of gateway telemetry: splits an input (JSON array, NDJSON, Kafka records,
 * gzip) into records, decodes each into a typed {@link io.naap.telemetry.event.GatewayEvent} or a
 * {@link io.naap.telemetry.decode.Quarantined} record with one machine-readable {@link
 * io.naap.telemetry.decode.QuarantineReason}, and marks the records whose id was already decoded
 * earlier in the same input.
 *
 * <p>Entry points: {@link io.naap.telemetry.decode.TelemetryInput} for whole inputs, {@link
 * io.naap.telemetry.decode.EventDecoder} for one record. See the module README for the rules.
 */
package io.naap.telemetry.decode;
