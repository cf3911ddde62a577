package io.naap.telemetry.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.telemetry.event.CreateNewPayment;
import io.naap.telemetry.event.EthAddress;
import io.naap.telemetry.session.Observation.Kind;
import java.math.BigDecimal;

/**
 * A payment as the session engine keeps it until the stream it names is known (stored in {@code
 * payment_orphan} across batches).
 *
 * @param at unix ms
 * @param pricePerPixel wei per pixel, null when unknown
 * @param fees expected fees in wei (decimal text), null when unknown
 * @param model the model the manifest names ({@code <n>_<model>}), null when it names none
 */
record PendingPayment(
    String eventId,
    long at,
    String recipient,
    String url,
    long tickets,
    Double pricePerPixel,
    String fees,
    String model,
    String gateway,
    String traffic,
    String requestId,
    String sessionId) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static PendingPayment of(CreateNewPayment payment, String traffic, String model) {
    return new PendingPayment(
        payment.id().toString(),
        payment.occurredAt().toEpochMilli(),
        payment.recipient().map(EthAddress::value).orElse(null),
        payment.orchestratorUrl().orElse(null),
        Math.max(0, payment.numTickets().orElse(0)),
        payment.pricePerPixel().map(BigDecimal::doubleValue).orElse(null),
        payment.expectedValueWei().map(BigDecimal::toPlainString).orElse(null),
        model,
        payment.gateway().orElse(null),
        traffic,
        name(payment.requestId()),
        name(payment.sessionId()));
  }

  /** An id the engine can key by: non-empty and at most 256 characters, else none. */
  private static String name(java.util.Optional<String> id) {
    return id.filter(text -> !text.isEmpty() && text.length() <= SessionEngine.MAX_NAME_LENGTH)
        .orElse(null);
  }

  Observation observation() {
    return new Observation(
        Kind.PAYMENT,
        at,
        recipient,
        url,
        tickets,
        pricePerPixel == null ? Double.NaN : pricePerPixel,
        0,
        fees);
  }

  String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a payment", e);
    }
  }

  static PendingPayment parse(String json) {
    try {
      return JSON.readValue(json, PendingPayment.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored orphan payment does not parse", e);
    }
  }
}
