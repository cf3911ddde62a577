package io.naap.telemetry.decode;

import static io.naap.telemetry.decode.Envelope.DATA;
import static io.naap.telemetry.decode.Fields.IDENTIFIER_LENGTH;
import static io.naap.telemetry.decode.Fields.URL_LENGTH;
import static io.naap.telemetry.decode.Fields.path;

import io.naap.telemetry.event.CapabilityPrice;
import io.naap.telemetry.event.CreateNewPayment;
import io.naap.telemetry.event.DiscoveredOrchestrator;
import io.naap.telemetry.event.DiscoveryResults;
import io.naap.telemetry.event.GpuInfo;
import io.naap.telemetry.event.Hardware;
import io.naap.telemetry.event.ModelCapability;
import io.naap.telemetry.event.NetworkCapabilities;
import io.naap.telemetry.event.OrchestratorCapabilities;
import io.naap.telemetry.event.Wei;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The families about the network and the market: {@code network_capabilities}, {@code
 * discovery_results}, {@code create_new_payment}.
 */
final class NetworkEventDecoding {

  /** Highest capacity (streams or jobs) one orchestrator can declare for one capability. */
  static final int MAX_CAPACITY = 1_000_000;

  /** Highest GPU index; a node has far fewer devices. */
  static final int MAX_GPU_INDEX = 1023;

  /** Largest GPU memory accepted: 1 PiB. */
  static final long MAX_GPU_MEMORY = 1L << 50;

  static final int MAX_COMPUTE_CAPABILITY = 1000;

  /** Longest discovery latency accepted: one hour. */
  static final BigDecimal MAX_LATENCY_MS = BigDecimal.valueOf(3_600_000);

  /** Most tickets in one payment. */
  static final long MAX_TICKETS = 1_000_000;

  static final BigInteger MAX_WEI = Wei.LIMIT.subtract(BigInteger.ONE);

  private static final BigDecimal MAX_PRICE_PER_PIXEL = new BigDecimal(MAX_WEI);

  private NetworkEventDecoding() {}

  static NetworkCapabilities networkCapabilities(Envelope envelope) {
    JsonArray data = envelope.arrayData();
    List<OrchestratorCapabilities> orchestrators = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      String at = Fields.element(DATA, i);
      orchestrators.add(orchestrator(Fields.elementObject(data.get(i), at), at));
    }
    return new NetworkCapabilities(envelope.header(Optional.empty()), orchestrators);
  }

  private static OrchestratorCapabilities orchestrator(JsonObject entry, String at) {
    var address = Fields.address(entry, "address", at);
    var localAddress = Fields.address(entry, "local_address", at);
    var uri = Fields.text(entry, "orch_uri", at, URL_LENGTH);
    Optional<JsonObject> capabilities = Fields.object(entry, "capabilities", at);
    String capabilitiesPath = path(at, "capabilities");
    Optional<String> version = Optional.empty();
    Map<Integer, Integer> capacities = new HashMap<>();
    List<ModelCapability> models = new ArrayList<>();
    if (capabilities.isPresent()) {
      version = Fields.text(capabilities.get(), "version", capabilitiesPath, IDENTIFIER_LENGTH);
      Optional<JsonObject> capacityMap =
          Fields.object(capabilities.get(), "capacities", capabilitiesPath);
      if (capacityMap.isPresent()) {
        String capacitiesPath = path(capabilitiesPath, "capacities");
        for (String key : capacityMap.get().names()) {
          int capability =
              Fields.integerKey(
                  key, path(capacitiesPath, key), Integer.MIN_VALUE, Integer.MAX_VALUE);
          Fields.smallInteger(capacityMap.get(), key, capacitiesPath, 0, MAX_CAPACITY)
              .ifPresent(capacity -> capacities.put(capability, capacity));
        }
      }
      models.addAll(models(capabilities.get(), capabilitiesPath));
    }
    List<CapabilityPrice> prices = new ArrayList<>();
    Optional<JsonArray> priceArray = Fields.array(entry, "capabilities_prices", at);
    if (priceArray.isPresent()) {
      String pricesPath = path(at, "capabilities_prices");
      for (int i = 0; i < priceArray.get().size(); i++) {
        String priceAt = Fields.element(pricesPath, i);
        prices.add(price(Fields.elementObject(priceArray.get().get(i), priceAt), priceAt));
      }
    }
    List<Hardware> hardware = new ArrayList<>();
    Optional<JsonArray> hardwareArray = Fields.array(entry, "hardware", at);
    if (hardwareArray.isPresent()) {
      String hardwarePath = path(at, "hardware");
      for (int i = 0; i < hardwareArray.get().size(); i++) {
        String hardwareAt = Fields.element(hardwarePath, i);
        hardware.add(
            hardware(Fields.elementObject(hardwareArray.get().get(i), hardwareAt), hardwareAt));
      }
    }
    return new OrchestratorCapabilities(
        address, localAddress, uri, version, capacities, models, prices, hardware);
  }

  /** {@code constraints.PerCapability.<capability>.models.<model>{warm, capacity, ...}}. */
  private static List<ModelCapability> models(JsonObject capabilities, String at) {
    List<ModelCapability> models = new ArrayList<>();
    Optional<JsonObject> constraints = Fields.object(capabilities, "constraints", at);
    if (constraints.isEmpty()) {
      return models;
    }
    String constraintsPath = path(at, "constraints");
    Optional<JsonObject> perCapability =
        Fields.object(constraints.get(), "PerCapability", constraintsPath);
    if (perCapability.isEmpty()) {
      return models;
    }
    String perCapabilityPath = path(constraintsPath, "PerCapability");
    for (String key : perCapability.get().names()) {
      String capabilityPath = path(perCapabilityPath, key);
      int capability = Fields.integerKey(key, capabilityPath, Integer.MIN_VALUE, Integer.MAX_VALUE);
      Optional<JsonObject> constraint = Fields.object(perCapability.get(), key, perCapabilityPath);
      if (constraint.isEmpty()) {
        continue;
      }
      Optional<JsonObject> modelMap = Fields.object(constraint.get(), "models", capabilityPath);
      if (modelMap.isEmpty()) {
        continue;
      }
      String modelsPath = path(capabilityPath, "models");
      for (String modelId : modelMap.get().names()) {
        if (modelId.isEmpty()) {
          throw new RecordRejected(
              QuarantineReason.MISSING_FIELD, modelsPath + ": a model id is empty");
        }
        if (modelId.length() > IDENTIFIER_LENGTH) {
          throw new RecordRejected(
              QuarantineReason.TOO_LARGE,
              modelsPath
                  + ": model id "
                  + Fields.quote(modelId)
                  + " has "
                  + modelId.length()
                  + " characters, the bound is "
                  + IDENTIFIER_LENGTH);
        }
        String modelPath = path(modelsPath, modelId);
        Optional<JsonObject> model = Fields.object(modelMap.get(), modelId, modelsPath);
        if (model.isEmpty()) {
          continue;
        }
        models.add(
            new ModelCapability(
                capability,
                modelId,
                Fields.bool(model.get(), "warm", modelPath),
                Fields.smallInteger(model.get(), "capacity", modelPath, 0, MAX_CAPACITY),
                Fields.smallInteger(model.get(), "capacityInUse", modelPath, 0, MAX_CAPACITY),
                Fields.text(model.get(), "runnerVersion", modelPath, IDENTIFIER_LENGTH)));
      }
    }
    models.sort(
        Comparator.comparingInt(ModelCapability::capability)
            .thenComparing(ModelCapability::modelId));
    return models;
  }

  private static CapabilityPrice price(JsonObject price, String at) {
    return new CapabilityPrice(
        Fields.smallInteger(price, "capability", at, Integer.MIN_VALUE, Integer.MAX_VALUE),
        Fields.text(price, "constraint", at, IDENTIFIER_LENGTH),
        Fields.bigInteger(price, "pricePerUnit", at, Unit.NONE, BigInteger.ZERO, MAX_WEI)
            .map(Wei::new),
        Fields.integer(price, "pixelsPerUnit", at, 0, Long.MAX_VALUE));
  }

  private static Hardware hardware(JsonObject hardware, String at) {
    var pipeline = Fields.text(hardware, "pipeline", at, IDENTIFIER_LENGTH);
    var modelId = Fields.text(hardware, "model_id", at, IDENTIFIER_LENGTH);
    List<GpuInfo> gpus = new ArrayList<>();
    Optional<JsonObject> gpuInfo = Fields.object(hardware, "gpu_info", at);
    if (gpuInfo.isPresent()) {
      String gpuInfoPath = path(at, "gpu_info");
      for (String key : gpuInfo.get().names()) {
        String gpuPath = path(gpuInfoPath, key);
        int index = Fields.integerKey(key, gpuPath, 0, MAX_GPU_INDEX);
        Optional<JsonObject> gpu = Fields.object(gpuInfo.get(), key, gpuInfoPath);
        if (gpu.isPresent()) {
          gpus.add(gpu(index, gpu.get(), gpuPath));
        }
      }
    }
    gpus.sort(Comparator.comparingInt(GpuInfo::index));
    return new Hardware(pipeline, modelId, gpus);
  }

  private static GpuInfo gpu(int index, JsonObject gpu, String at) {
    return new GpuInfo(
        index,
        Fields.text(gpu, "id", at, IDENTIFIER_LENGTH),
        Fields.text(gpu, "name", at, IDENTIFIER_LENGTH),
        Fields.smallInteger(gpu, "major", at, 0, MAX_COMPUTE_CAPABILITY),
        Fields.smallInteger(gpu, "minor", at, 0, MAX_COMPUTE_CAPABILITY),
        Fields.integer(gpu, "memory_total", at, 0, MAX_GPU_MEMORY),
        Fields.integer(gpu, "memory_free", at, 0, MAX_GPU_MEMORY));
  }

  static DiscoveryResults discoveryResults(Envelope envelope) {
    JsonArray data = envelope.arrayData();
    List<DiscoveredOrchestrator> orchestrators = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      String at = Fields.element(DATA, i);
      JsonObject entry = Fields.elementObject(data.get(i), at);
      var address = Fields.address(entry, "address", at);
      var url = Fields.text(entry, "url", at, URL_LENGTH);
      Optional<Duration> latency =
          Fields.exactDecimal(entry, "latency_ms", at, Unit.NONE, BigDecimal.ZERO, MAX_LATENCY_MS)
              .map(NetworkEventDecoding::millis);
      orchestrators.add(new DiscoveredOrchestrator(address, url, latency));
    }
    return new DiscoveryResults(envelope.header(Optional.empty()), orchestrators);
  }

  private static Duration millis(BigDecimal millis) {
    return Duration.ofNanos(
        millis.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact());
  }

  static CreateNewPayment createNewPayment(Envelope envelope) {
    JsonObject data = envelope.objectData();
    var recipient = Fields.address(data, "recipient", DATA);
    var sender = Fields.address(data, "sender", DATA);
    var faceValue =
        Fields.bigInteger(data, "faceValue", DATA, Unit.WEI, BigInteger.ZERO, MAX_WEI)
            .map(Wei::new);
    var winProbability =
        Fields.exactDecimal(data, "winProb", DATA, Unit.NONE, BigDecimal.ZERO, BigDecimal.ONE);
    var pricePerPixel =
        Fields.exactDecimal(
            data, "price", DATA, Unit.WEI_PER_PIXEL, BigDecimal.ZERO, MAX_PRICE_PER_PIXEL);
    var numTickets = Fields.integer(data, "numTickets", DATA, 0, MAX_TICKETS);
    return new CreateNewPayment(
        envelope.header(StreamEventDecoding.dataTime(data)),
        recipient,
        sender,
        faceValue,
        winProbability,
        pricePerPixel,
        numTickets,
        Fields.text(data, "manifestID", DATA, IDENTIFIER_LENGTH),
        Fields.text(data, "requestID", DATA, IDENTIFIER_LENGTH),
        Fields.text(data, "sessionID", DATA, IDENTIFIER_LENGTH),
        Fields.text(data, "orchestrator", DATA, URL_LENGTH),
        Fields.text(data, "capability", DATA, IDENTIFIER_LENGTH));
  }
}
