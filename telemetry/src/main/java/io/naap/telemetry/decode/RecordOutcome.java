package io.naap.telemetry.decode;

/**
 * What became of one record of an input: decoded, a duplicate of a record decoded earlier in the
 * same input, or quarantined.
 */
public sealed interface RecordOutcome permits Decoded, Duplicate, Quarantined {}
