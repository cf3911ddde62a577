package io.naap.telemetry.event;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One model an orchestrator offers for a capability ({@code
 * capabilities.constraints.PerCapability.<capability>.models.<model>}).
 *
 * @param warm whether the model is loaded
 * @param capacity how many streams or jobs it can take
 * @param capacityInUse how many it is serving
 */
public record ModelCapability(
    int capability,
    String modelId,
    Optional<Boolean> warm,
    OptionalInt capacity,
    OptionalInt capacityInUse,
    Optional<String> runnerVersion) {

  public ModelCapability {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(warm, "warm");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(capacityInUse, "capacityInUse");
    Objects.requireNonNull(runnerVersion, "runnerVersion");
  }
}
