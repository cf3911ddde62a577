package io.naap.storage.kpi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A payment waiting for the stream it names.
 *
 * @param payment the payment as the session engine encodes it, a JSON object
 */
public record PaymentOrphanRow(
    UUID eventId,
    Optional<String> requestId,
    Optional<String> paymentSessionId,
    Instant arrivalAt,
    String payment) {
  public PaymentOrphanRow {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(paymentSessionId, "paymentSessionId");
    Objects.requireNonNull(arrivalAt, "arrivalAt");
    Objects.requireNonNull(payment, "payment");
    if (requestId.isEmpty() && paymentSessionId.isEmpty()) {
      throw new IllegalArgumentException("an orphan payment names a request or a payment session");
    }
  }
}
