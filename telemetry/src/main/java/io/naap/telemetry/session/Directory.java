package io.naap.telemetry.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.naap.storage.EthereumAddress;
import io.naap.storage.kpi.DirectoryRow;
import io.naap.storage.kpi.DiscoveryRow;
import io.naap.storage.kpi.RollupKey;
import io.naap.telemetry.event.EthAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A snapshot of what naap knows about orchestrators: identities (local to on-chain), GPUs, warm
 * models and regions. Built from the stored directory, discovery latencies and the region
 * configuration; immutable.
 */
public final class Directory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, DirectoryEntry> byAddress;
  private final Map<String, List<String>> onChainByLocal;
  private final Map<String, String> onChainByLocalAndUri;
  private final Map<String, String> regionByAddress;

  private Directory(
      Map<String, DirectoryEntry> byAddress,
      Map<String, List<String>> onChainByLocal,
      Map<String, String> onChainByLocalAndUri,
      Map<String, String> regionByAddress) {
    this.byAddress = byAddress;
    this.onChainByLocal = onChainByLocal;
    this.onChainByLocalAndUri = onChainByLocalAndUri;
    this.regionByAddress = regionByAddress;
  }

  /** Builds the snapshot; a stored entry that does not parse is left out. */
  public static Directory of(
      Collection<DirectoryRow> entries,
      Collection<DiscoveryRow> discoveries,
      RegionConfig regions) {
    Map<String, DirectoryEntry> byAddress = new TreeMap<>();
    Map<String, List<String>> onChainByLocal = new HashMap<>();
    Map<String, String> onChainByLocalAndUri = new HashMap<>();
    for (DirectoryRow row : entries) {
      DirectoryEntry entry = parse(row.entry());
      if (entry == null) {
        continue;
      }
      String address = row.address().toHex();
      byAddress.put(address, entry);
      if (row.localAddress().isPresent()) {
        String local = row.localAddress().get().toHex();
        onChainByLocal.computeIfAbsent(local, key -> new ArrayList<>()).add(address);
        row.uri().ifPresent(uri -> onChainByLocalAndUri.put(local + " " + uri, address));
      }
    }
    Directory partial = new Directory(byAddress, onChainByLocal, onChainByLocalAndUri, Map.of());
    Map<String, String> region = new HashMap<>();
    Map<String, Integer> bestLatency = new HashMap<>();
    for (DiscoveryRow discovery : discoveries) {
      Optional<String> gatewayRegion = regions.gatewayRegion(Optional.of(discovery.gateway()));
      if (gatewayRegion.isEmpty() || discovery.latencyMs() > regions.discoveryLatencyMs()) {
        continue;
      }
      String key = partial.key(discovery.address().toHex(), discovery.url());
      Integer best = bestLatency.get(key);
      if (best == null || discovery.latencyMs() < best) {
        bestLatency.put(key, discovery.latencyMs());
        region.put(key, gatewayRegion.get());
      }
    }
    regions
        .orchestrators()
        .forEach(
            (address, configured) ->
                region.put(partial.key(address, Optional.empty()), configured));
    return new Directory(byAddress, onChainByLocal, onChainByLocalAndUri, Map.copyOf(region));
  }

  static DirectoryEntry parse(String json) {
    try {
      return JSON.readValue(json, DirectoryEntry.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String json(DirectoryEntry entry) {
    try {
      return JSON.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a directory entry", e);
    }
  }

  /**
   * The key an orchestrator is counted under: its on-chain address (lower-case hex) when the
   * address as named resolves to one (by local address and service URL, else the only on-chain
   * address the local one stands for), else the address as named, else {@code unknown}.
   */
  public String key(Optional<EthAddress> named, Optional<String> url) {
    return named.map(address -> key(address.value(), url)).orElse(RollupKey.UNKNOWN);
  }

  String key(String named, Optional<String> url) {
    if (named == null || named.isEmpty()) {
      return RollupKey.UNKNOWN;
    }
    String lower = named.toLowerCase();
    if (byAddress.containsKey(lower) && !onChainByLocal.containsKey(lower)) {
      return lower;
    }
    if (url.isPresent()) {
      String exact = onChainByLocalAndUri.get(lower + " " + url.get());
      if (exact != null) {
        return exact;
      }
    }
    List<String> candidates = onChainByLocal.get(lower);
    if (candidates != null && candidates.size() == 1) {
      return candidates.get(0);
    }
    return lower;
  }

  /** The GPU name serving a model on an orchestrator, or {@code unknown}. */
  public String gpu(String orchestratorKey, Optional<String> model) {
    DirectoryEntry entry = byAddress.get(orchestratorKey);
    if (entry == null || entry.gpus().isEmpty()) {
      return RollupKey.UNKNOWN;
    }
    Set<String> forModel = new TreeSet<>();
    Set<String> all = new TreeSet<>();
    for (DirectoryEntry.Gpu gpu : entry.gpus()) {
      if (gpu.name() == null || gpu.name().isEmpty()) {
        continue;
      }
      all.add(gpu.name());
      if (model.isPresent() && model.get().equals(gpu.model())) {
        forModel.add(gpu.name());
      }
    }
    Set<String> names = forModel.isEmpty() ? all : forModel;
    return names.isEmpty() ? RollupKey.UNKNOWN : String.join("+", names);
  }

  /** Whether the orchestrator advertised the model as warm (loaded); empty when it did not say. */
  public Optional<Boolean> warm(String orchestratorKey, Optional<String> model) {
    DirectoryEntry entry = byAddress.get(orchestratorKey);
    if (entry == null || model.isEmpty()) {
      return Optional.empty();
    }
    for (DirectoryEntry.Offer offer : entry.models()) {
      if (model.get().equals(offer.model()) && offer.warm() != null) {
        return Optional.of(offer.warm());
      }
    }
    return Optional.empty();
  }

  /** The orchestrator's region, or {@code unknown}. */
  public String region(String orchestratorKey) {
    return regionByAddress.getOrDefault(orchestratorKey, RollupKey.UNKNOWN);
  }

  /** The directory entry of an on-chain address. */
  public Optional<DirectoryEntry> entry(String address) {
    return Optional.ofNullable(byAddress.get(address.toLowerCase()));
  }

  /**
   * Every key an orchestrator's figures may be stored under: its on-chain address and the local
   * addresses that stand only for it.
   */
  public Set<String> keysOf(String onChainAddress) {
    String lower = onChainAddress.toLowerCase();
    Set<String> keys = new TreeSet<>();
    keys.add(lower);
    DirectoryEntry entry = byAddress.get(lower);
    if (entry != null && entry.localAddress() != null) {
      List<String> standsFor = onChainByLocal.get(entry.localAddress().toLowerCase());
      if (standsFor != null && standsFor.size() == 1) {
        keys.add(entry.localAddress().toLowerCase());
      }
    }
    return keys;
  }

  /** The stored form of an entry. */
  static DirectoryRow row(
      EthereumAddress address,
      Optional<EthereumAddress> local,
      Optional<String> uri,
      DirectoryEntry entry,
      java.time.Instant seenAt) {
    return new DirectoryRow(address, local, uri, json(Objects.requireNonNull(entry)), seenAt);
  }
}
