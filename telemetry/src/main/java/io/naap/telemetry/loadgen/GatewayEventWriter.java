package io.naap.telemetry.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes events exactly as a go-livepeer gateway publishes them (the envelope {@code {id, type,
 * timestamp: "<unix ms>", gateway, data}}), with the field names, shapes, order and string quirks
 * of the real capture: the captured {@code ai_stream_status} layout, numbers as strings in payments
 * and discovery, local addresses in stream events and on-chain recipients in payments.
 */
final class GatewayEventWriter {
  /** Face value and win probability of a session's first two tickets, as in the capture. */
  static final String OPENING_FACE_VALUE = "2402400000000000 WEI";

  static final String OPENING_WIN_PROBABILITY = "0.0009990010";
  static final String FACE_VALUE = "2400000000000000 WEI";
  static final String WIN_PROBABILITY = "0.0010000000";

  /** The gateway's effective price per pixel relative to the advertised one (capture: 1.0105). */
  static final double PRICE_MARKUP = 1.01052;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int WIDTH = 512;
  private static final int HEIGHT = 512;

  private final Ids ids;

  GatewayEventWriter(Ids ids) {
    this.ids = ids;
  }

  // ---- stream_trace ----

  /** A {@code stream_trace}; {@code leg} null names no orchestrator (address and url empty). */
  String streamTrace(long time, StreamRun stream, Leg leg, String type, String message) {
    ObjectNode data = JSON.createObjectNode();
    if (message != null) {
      data.put("message", message);
    }
    data.set("orchestrator_info", orchestratorInfo(leg == null ? null : leg.orchestrator));
    data.put("pipeline_id", "");
    data.put("request_id", stream.requestId);
    data.put("stream_id", stream.streamId);
    data.put("timestamp", time);
    data.put("type", type);
    return envelope("stream_trace", time, stream.gateway, data);
  }

  // ---- ai_stream_status (the captured layout) ----

  String status(
      long time,
      long envelopeTime,
      Leg leg,
      double fps,
      double inputFps,
      long lastOutputTime,
      long lastInputTime) {
    StreamRun stream = leg.stream;
    ObjectNode data = JSON.createObjectNode();
    ObjectNode inference = data.putObject("inference_status");
    inference.put("fps", fps);
    if (leg.lastError == null) {
      inference.putNull("last_error");
      inference.putNull("last_error_time");
    } else {
      inference.put("last_error", leg.lastError);
      inference.put("last_error_time", leg.lastErrorAt);
    }
    inference.put("last_output_time", lastOutputTime);
    inference.set("last_params", lastParams(stream.prompt));
    inference.put("last_params_hash", paramsHash(stream.prompt));
    inference.put("last_params_update_time", leg.paramsUpdatedAt);
    inference.putNull("last_restart_logs");
    inference.putNull("last_restart_time");
    inference.put("restart_count", 0);
    ObjectNode input = data.putObject("input_status");
    input.put("fps", inputFps);
    input.put("last_input_time", lastInputTime);
    data.put("last_state_update_time", leg.stateUpdatedAt);
    data.put("last_status_timestamp", leg.lastStatusAt);
    data.set("orchestrator_info", orchestratorInfo(leg.orchestrator));
    data.put("pipeline", stream.workload.modelId());
    data.put("pipeline_id", "");
    data.put("request_id", stream.requestId);
    data.put("start_time", leg.runnerStartedAt);
    data.put("state", leg.state);
    data.put("stream_id", stream.streamId);
    data.put("timestamp", time);
    data.put("type", "status");
    return envelope("ai_stream_status", envelopeTime, stream.gateway, data);
  }

  // ---- ai_stream_events ----

  String paramsUpdate(long time, Leg leg, Prompt prompt) {
    ObjectNode data = JSON.createObjectNode();
    data.set("orchestrator_info", orchestratorInfo(leg.orchestrator));
    data.set("params", params(prompt));
    streamEventTail(data, time, leg.stream, "params_update");
    return envelope("ai_stream_events", time, leg.stream.gateway, data);
  }

  String streamError(long time, Leg leg, String message) {
    ObjectNode data = JSON.createObjectNode();
    data.put("capability", Workload.PIPELINE);
    data.put("message", message);
    data.set("orchestrator_info", orchestratorInfo(leg.orchestrator));
    streamEventTail(data, time, leg.stream, "error");
    return envelope("ai_stream_events", time, leg.stream.gateway, data);
  }

  private static void streamEventTail(ObjectNode data, long time, StreamRun stream, String type) {
    data.put("pipeline", stream.workload.modelId());
    data.put("pipeline_id", "");
    data.put("request_id", stream.requestId);
    data.put("stream_id", stream.streamId);
    data.put("timestamp", time);
    data.put("type", type);
  }

  // ---- stream_ingest_metrics ----

  String ingestMetrics(
      long time,
      StreamRun stream,
      double videoJitter,
      double audioJitter,
      String connectionQuality) {
    ObjectNode data = JSON.createObjectNode();
    data.put("pipeline_id", "");
    data.put("request_id", stream.requestId);
    ObjectNode stats = data.putObject("stats");
    ObjectNode peer = stats.putObject("peer_conn_stats");
    peer.put("ID", "iceTransport");
    peer.put("BytesReceived", stream.bytesReceived);
    peer.put("BytesSent", stream.bytesSent);
    ArrayNode tracks = stats.putArray("track_stats");
    double seconds = Math.max(0, time - stream.ingestStartedAt) / 1000.0;
    double lossPercent =
        stream.videoPackets == 0
            ? 0
            : Math.round(10_000.0 * stream.videoPacketsLost / stream.videoPackets) / 100.0;
    track(
        tracks.addObject(),
        "video",
        videoJitter,
        stream.videoPacketsLost,
        stream.videoPackets,
        lossPercent,
        Math.round(seconds * 1000) / 1000.0);
    track(
        tracks.addObject(),
        "audio",
        audioJitter,
        0,
        stream.audioPackets,
        0,
        Math.round(seconds * 10_000 - 1) / 10_000.0);
    stats.put("conn_quality", connectionQuality);
    data.put("stream_id", stream.streamId);
    data.put("timestamp", time);
    return envelope("stream_ingest_metrics", time, stream.gateway, data);
  }

  private static void track(
      ObjectNode track,
      String type,
      double jitter,
      long lost,
      long received,
      double lossPercent,
      double lastInput) {
    track.put("type", type);
    track.put("jitter", jitter);
    track.put("packets_lost", lost);
    track.put("packets_received", received);
    if (lossPercent == 0) {
      track.put("packet_loss_pct", 0);
    } else {
      track.put("packet_loss_pct", lossPercent);
    }
    track.put("rtt", 0);
    track.put("last_input_ts", lastInput);
    track.put("last_output_ts", 0);
    track.put("latency", 0);
  }

  // ---- create_new_payment (every value a string) ----

  /**
   * A payment of a leg's session: the first names the stream's request and the manifest {@code
   * 35_<model>}, later ones an empty request id and the session's opaque manifest id (as captured).
   */
  String payment(long time, Leg leg, int index, long tickets, Region gateway) {
    ObjectNode data = JSON.createObjectNode();
    data.put("capability", "");
    data.put("clientIP", "");
    data.put("faceValue", index < 2 ? OPENING_FACE_VALUE : FACE_VALUE);
    data.put(
        "manifestID",
        index == 0 ? Workload.CAPABILITY + "_" + leg.stream.workload.modelId() : leg.manifestId);
    data.put("numTickets", Long.toString(tickets));
    data.put("orchestrator", leg.orchestrator.uri());
    data.put(
        "price",
        String.format(
            Locale.ROOT, "%.3f wei/pixel", leg.orchestrator.pricePerUnit() * PRICE_MARKUP));
    data.put("recipient", leg.orchestrator.addressText());
    data.put("requestID", index == 0 ? leg.stream.requestId : "");
    data.put("sender", sender(gateway));
    data.put("sessionID", leg.sessionId);
    data.put("winProb", index < 2 ? OPENING_WIN_PROBABILITY : WIN_PROBABILITY);
    return envelope("create_new_payment", time, gateway, data);
  }

  /** The gateway's own (sender) address: fixed per load generator gateway. */
  static String sender(Region gateway) {
    byte[] digest = digest("SHA-256", "naap-loadgen " + gateway.code());
    return "0x" + HEX.formatHex(digest, 0, 20);
  }

  // ---- discovery_results and network_capabilities (data is an array) ----

  /** One orchestrator a discovery found, with the round trip measured. */
  record Discovered(SyntheticOrchestrator orchestrator, long latencyMillis) {}

  String discovery(long time, Region gateway, List<Discovered> found) {
    ArrayNode data = JSON.createArrayNode();
    for (Discovered entry : found) {
      ObjectNode item = data.addObject();
      item.put("address", entry.orchestrator().localAddress().value());
      item.put("latency_ms", Long.toString(entry.latencyMillis()));
      item.put("url", entry.orchestrator().uri());
    }
    return envelope("discovery_results", time, gateway, data);
  }

  String networkCapabilities(long time, Region gateway, List<ObjectNode> entries) {
    ArrayNode data = JSON.createArrayNode();
    entries.forEach(data::add);
    return envelope("network_capabilities", time, gateway, data);
  }

  /**
   * The orchestrator's capabilities entry: its real entry with live video to video (capability 35)
   * set to what the synthetic orchestrator offers: capacity, the model with its warm flag, the
   * price, and one hardware entry per live video GPU with the memory in use (its other GPUs keep
   * their entries).
   *
   * @param memoryUsed bytes in use per GPU id
   */
  static ObjectNode capabilitiesEntry(
      ObjectNode template,
      SyntheticOrchestrator orchestrator,
      int capacityInUse,
      Map<String, Long> memoryUsed) {
    String capability = Integer.toString(Workload.CAPABILITY);
    ObjectNode entry = JSON.createObjectNode();
    entry.put("address", orchestrator.addressText());
    entry.put("local_address", orchestrator.localAddressText());
    entry.put("orch_uri", orchestrator.uri());
    ObjectNode capabilities = entry.putObject("capabilities");
    JsonNode original = template.path("capabilities");
    long bitstring = original.path("bitstring").path(0).asLong(0) | (1L << Workload.CAPABILITY);
    capabilities.putArray("bitstring").add(bitstring);
    ObjectNode capacities = capabilities.putObject("capacities");
    if (original.path("capacities").isObject()) {
      capacities.setAll((ObjectNode) original.path("capacities").deepCopy());
    }
    capacities.put(capability, orchestrator.capacity());
    capabilities.put("version", orchestrator.version());
    ObjectNode constraints = capabilities.putObject("constraints");
    if (original.path("constraints").isObject()) {
      constraints.setAll((ObjectNode) original.path("constraints").deepCopy());
    }
    ObjectNode perCapability =
        constraints.path("PerCapability").isObject()
            ? (ObjectNode) constraints.get("PerCapability")
            : constraints.putObject("PerCapability");
    ObjectNode model =
        perCapability
            .putObject(capability)
            .putObject("models")
            .putObject(orchestrator.workload().modelId());
    model.put("warm", orchestrator.profile().warm());
    model.put("capacity", orchestrator.capacity());
    model.put("capacityInUse", capacityInUse);
    model.put("runnerVersion", orchestrator.runnerVersion());

    ArrayNode prices = entry.putArray("capabilities_prices");
    for (JsonNode price : template.path("capabilities_prices")) {
      if (price.path("capability").asInt(-1) != Workload.CAPABILITY) {
        prices.add(price.deepCopy());
      }
    }
    ObjectNode price = prices.addObject();
    price.put("pricePerUnit", orchestrator.pricePerUnit());
    price.put("pixelsPerUnit", 1);
    price.put("capability", Workload.CAPABILITY);
    price.put("constraint", orchestrator.workload().modelId());

    ArrayNode hardware = entry.putArray("hardware");
    List<SyntheticGpu> liveVideo = orchestrator.liveVideoGpus();
    for (JsonNode kept : template.path("hardware")) {
      boolean other = kept.path("gpu_info").size() > 0;
      for (JsonNode gpu : kept.path("gpu_info")) {
        other &= liveVideo.stream().noneMatch(g -> g.id().equals(gpu.path("id").asText()));
      }
      if (other) {
        hardware.add(kept.deepCopy());
      }
    }
    for (SyntheticGpu gpu : liveVideo) {
      ObjectNode item = hardware.addObject();
      item.put("pipeline", Workload.PIPELINE);
      item.put("model_id", orchestrator.workload().modelId());
      ObjectNode info = item.putObject("gpu_info").putObject("0");
      info.put("id", gpu.id());
      info.put("name", gpu.name());
      gpu.major().ifPresent(major -> info.put("major", major));
      gpu.minor().ifPresent(minor -> info.put("minor", minor));
      long used = memoryUsed.getOrDefault(gpu.id(), 0L);
      info.put("memory_free", Math.max(0, gpu.memoryTotal() - used));
      info.put("memory_total", gpu.memoryTotal());
    }
    return entry;
  }

  // ---- gpu_metrics (naap's extension event) ----

  String gpuMetrics(
      long time,
      Leg leg,
      long memoryUsed,
      long windowMillis,
      double achievedTflops,
      double peakTflops,
      double utilisationPercent) {
    StreamRun stream = leg.stream;
    ObjectNode data = JSON.createObjectNode();
    data.put("timestamp", time);
    data.put("stream_id", stream.streamId);
    data.put("request_id", stream.requestId);
    data.put("pipeline", stream.workload.modelId());
    data.set("orchestrator_info", orchestratorInfo(leg.orchestrator));
    ObjectNode gpu = data.putObject("gpu_info");
    gpu.put("id", leg.gpu.id());
    gpu.put("name", leg.gpu.name());
    gpu.put("memory_total", leg.gpu.memoryTotal());
    gpu.put("memory_used", memoryUsed);
    data.put("window_ms", windowMillis);
    data.put("achieved_tflops", achievedTflops);
    data.put("peak_tflops", peakTflops);
    data.put("utilization_pct", utilisationPercent);
    return envelope("gpu_metrics", time, stream.gateway, data);
  }

  // ---- parts ----

  private String envelope(String family, long time, Region gateway, JsonNode data) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("id", ids.eventId());
    envelope.put("type", family);
    envelope.put("timestamp", Long.toString(time));
    envelope.put("gateway", gateway.gateway());
    envelope.set("data", data);
    try {
      return JSON.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a " + family + " event", e);
    }
  }

  /** {@code {address, url}}: the LOCAL address, lower-case, as stream events name it. */
  private static ObjectNode orchestratorInfo(SyntheticOrchestrator orchestrator) {
    ObjectNode info = JSON.createObjectNode();
    info.put("address", orchestrator == null ? "" : orchestrator.localAddress().value());
    info.put("url", orchestrator == null ? "" : orchestrator.uri());
    return info;
  }

  private static ObjectNode params(Prompt prompt) {
    try {
      return (ObjectNode) JSON.readTree(prompt.params());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("prompt " + prompt.id() + " has unreadable params", e);
    }
  }

  /** The runner's view of the params in force: the prompt's params with the output size. */
  private static ObjectNode lastParams(Prompt prompt) {
    ObjectNode params = params(prompt);
    if (!params.has("width")) {
      params.put("width", WIDTH);
    }
    if (!params.has("height")) {
      params.put("height", HEIGHT);
    }
    return params;
  }

  /** The runner's hash of the params in force: MD5 of their compact JSON, 32 hex digits. */
  static String paramsHash(Prompt prompt) {
    return HEX.formatHex(digest("MD5", lastParams(prompt).toString()));
  }

  private static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
    }
  }
}
