package io.naap.telemetry.decode;

/**
 * Thrown inside the decoder when a record breaks a rule; caught at the record boundary and turned
 * into a {@link Quarantined} outcome. It never leaves the package and carries no stack trace (it is
 * an expected outcome, and cheap to raise).
 */
final class RecordRejected extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final QuarantineReason reason;

  RecordRejected(QuarantineReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  QuarantineReason reason() {
    return reason;
  }

  String detail() {
    return getMessage();
  }
}
