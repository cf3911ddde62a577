package io.naap.telemetry.loadgen;

import io.naap.telemetry.event.EthAddress;
import java.util.List;
import java.util.Objects;

/**
 * One orchestrator of the synthetic fleet: a real orchestrator's identity and GPUs from the network
 * capabilities answer, with a behaviour, a region and a workload assigned from the seed.
 *
 * @param address the on-chain address (payments name it as {@code recipient})
 * @param addressText the on-chain address as the capabilities answer spells it (checksummed)
 * @param localAddress the local signing address (stream events name it in {@code
 *     orchestrator_info}, lower-case)
 * @param localAddressText the local address as the capabilities answer spells it
 * @param uri the service URI ({@code orch_uri})
 * @param region where it runs: hidden ground truth, visible only through discovery latencies
 * @param latencyOffsetMillis its own fixed addition to every round-trip time, 0-15 ms
 * @param profile how it behaves
 * @param workload the model it serves
 * @param capacity concurrent live video streams it takes
 * @param gpus its GPUs; streams run on the least loaded of its {@link #liveVideoGpus()}
 * @param pricePerUnit advertised price of capability 35 in wei per pixel
 * @param version the node's software version
 * @param runnerVersion the AI runner's version it advertises for the model
 */
public record SyntheticOrchestrator(
    EthAddress address,
    String addressText,
    EthAddress localAddress,
    String localAddressText,
    String uri,
    Region region,
    int latencyOffsetMillis,
    BehaviourProfile profile,
    Workload workload,
    int capacity,
    List<SyntheticGpu> gpus,
    long pricePerUnit,
    String version,
    String runnerVersion) {

  public SyntheticOrchestrator {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(addressText, "addressText");
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(localAddressText, "localAddressText");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(runnerVersion, "runnerVersion");
    gpus = List.copyOf(gpus);
    if (!EthAddress.parse(addressText).equals(address)
        || !EthAddress.parse(localAddressText).equals(localAddress)) {
      throw new IllegalArgumentException("address texts must spell the addresses: " + addressText);
    }
    if (capacity < 1 || gpus.isEmpty() || pricePerUnit < 0 || latencyOffsetMillis < 0) {
      throw new IllegalArgumentException(
          "an orchestrator needs capacity >= 1, a GPU, a price >= 0, an offset >= 0: "
              + addressText);
    }
  }

  /**
   * The GPUs that run live video: those of its fastest GPU model. An orchestrator of the real
   * answer with GPUs of several models (e.g. a Tesla P4 and an RTX A4000) runs live video on the
   * fastest and keeps the others on the pipelines they served.
   */
  public List<SyntheticGpu> liveVideoGpus() {
    double fastest =
        gpus.stream().mapToDouble(gpu -> gpu.gpuClass().relativeSpeed()).max().orElseThrow();
    return gpus.stream().filter(gpu -> gpu.gpuClass().relativeSpeed() == fastest).toList();
  }

  /** Output fps of one stream on {@code gpu} with a prompt of factor 1, before noise. */
  public double expectedFps(SyntheticGpu gpu) {
    return workload.targetFps() * gpu.gpuClass().relativeSpeed() * profile.fpsFactor();
  }
}
