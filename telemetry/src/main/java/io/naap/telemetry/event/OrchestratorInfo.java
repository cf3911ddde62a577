package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code data.orchestrator_info}: the orchestrator a stream event is about. Both fields are empty
 * before an orchestrator is selected (the producer sends empty strings).
 *
 * @param address the address the gateway knows the orchestrator by; can be its local (hot) signing
 *     address rather than the on-chain one
 * @param url the orchestrator's service URL
 */
public record OrchestratorInfo(Optional<EthAddress> address, Optional<String> url) {

  public static final OrchestratorInfo UNKNOWN =
      new OrchestratorInfo(Optional.empty(), Optional.empty());

  public OrchestratorInfo {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(url, "url");
  }
}
