package io.naap.telemetry.event;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code create_new_payment} event: the gateway paid an orchestrator with probabilistic tickets
 * (demand: expected fees and the unit price).
 *
 * @param recipient the orchestrator's on-chain address, the payee
 * @param sender the gateway's (broadcaster's) address
 * @param faceValue each ticket's face value ({@code "2402400000000000 WEI"})
 * @param winProbability each ticket's winning probability, in [0, 1]
 * @param pricePerPixel wei per pixel ({@code "1635.021 wei/pixel"})
 * @param manifestId {@code manifestID}: sometimes {@code <n>_<model>}, sometimes opaque; do not tie
 *     payments to streams through it alone
 * @param orchestratorUrl {@code orchestrator}: the orchestrator's service URL
 * @param capability empty in today's capture
 */
public record CreateNewPayment(
    EventHeader header,
    Optional<EthAddress> recipient,
    Optional<EthAddress> sender,
    Optional<Wei> faceValue,
    Optional<BigDecimal> winProbability,
    Optional<BigDecimal> pricePerPixel,
    OptionalLong numTickets,
    Optional<String> manifestId,
    Optional<String> requestId,
    Optional<String> sessionId,
    Optional<String> orchestratorUrl,
    Optional<String> capability)
    implements GatewayEvent {

  public CreateNewPayment {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(faceValue, "faceValue");
    Objects.requireNonNull(winProbability, "winProbability");
    Objects.requireNonNull(pricePerPixel, "pricePerPixel");
    Objects.requireNonNull(numTickets, "numTickets");
    Objects.requireNonNull(manifestId, "manifestId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(orchestratorUrl, "orchestratorUrl");
    Objects.requireNonNull(capability, "capability");
  }

  /**
   * The expected value of the payment in wei, exactly: faceValue x winProb x numTickets; empty when
   * any of the three is unknown.
   */
  public Optional<BigDecimal> expectedValueWei() {
    if (faceValue.isEmpty() || winProbability.isEmpty() || numTickets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BigDecimal(faceValue.get().value())
            .multiply(winProbability.get())
            .multiply(BigDecimal.valueOf(numTickets.getAsLong())));
  }

  /** The payee, {@link #recipient()}: always the on-chain address. */
  @Override
  public Optional<EthAddress> orchestrator() {
    return recipient;
  }
}
