package io.naap.telemetry.decode;

/** What decoding one record gives: a typed event, or a quarantined record with its reason. */
public sealed interface DecodeResult permits Decoded, Quarantined {}
