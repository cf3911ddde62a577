package io.naap.app.features;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.naap.api.Endpoint;
import io.naap.api.indexer.IndexerEndpoints;
import io.naap.api.protocol.ProtocolEndpoints;
import io.naap.indexer.config.ContractSpec;
import io.naap.indexer.config.CreationBlock;
import io.naap.indexer.config.IndexerProfile;
import io.naap.indexer.decode.ProtocolContract;
import io.naap.indexer.decode.ProtocolEventDecoder;
import io.naap.indexer.follow.ChainFollower;
import io.naap.indexer.follow.DecodingLogMapper;
import io.naap.indexer.follow.FollowLoop;
import io.naap.indexer.rpc.JsonRpcChainSource;
import io.naap.indexer.rpc.RpcErrorKind;
import io.naap.indexer.rpc.RpcSettings;
import io.naap.storage.Database;
import io.naap.storage.deployment.ContractDeployment;
import io.naap.storage.deployment.ContractDeployments;
import io.naap.storage.protocol.IndexerStatusRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import io.naap.storage.protocol.ProtocolStateStore;
import io.naap.telemetry.kpi.KpiQueries;
import io.naap.telemetry.kpi.RoundDemand;
import io.naap.telemetry.session.SessionSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The indexer, wired: the JSON-RPC chain source, the decoder, the mirror store, the follower of the
 * configured contracts and the loop that runs it and records its status after every pass; and the
 * status endpoint over the same store.
 */
public final class IndexerFeatures {
  /** The finality depth on the local chain of {@code naap up}, where no reorg is expected. */
  public static final int LOCAL_FINALITY_DEPTH = 12;

  private final IndexerProfile profile;
  private final List<ChainFollower.Target> targets;
  private final JsonRpcChainSource source;
  private final ProtocolMirrorStore store;
  private final DecodingLogMapper mapper;
  private final ChainFollower follower;
  private final Clock clock;
  private final Consumer<String> log;
  private volatile FollowLoop loop;

  private IndexerFeatures(
      IndexerProfile profile,
      List<ChainFollower.Target> targets,
      JsonRpcChainSource source,
      ProtocolMirrorStore store,
      DecodingLogMapper mapper,
      ChainFollower follower,
      Clock clock,
      Consumer<String> log) {
    this.profile = profile;
    this.targets = List.copyOf(targets);
    this.source = source;
    this.store = store;
    this.mapper = mapper;
    this.follower = follower;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Opens the indexer of the chain at {@code rpc}.
   *
   * @param profileName {@code mainnet}, or null for the contracts recorded for the node's chain
   * @param overrides contracts added to, or replacing those of, the profile
   * @throws IllegalArgumentException when the configuration does not fit the chain (another chain
   *     id, no contract, a contract naap does not decode)
   */
  public static IndexerFeatures open(
      Database database,
      String rpc,
      String profileName,
      List<ContractSpec> overrides,
      OptionalLong finalityDepth,
      long maxBlocksPerPass,
      Clock clock,
      Consumer<String> log) {
    return open(
        database,
        rpc,
        RpcSettings.defaults(),
        profileName,
        overrides,
        finalityDepth,
        maxBlocksPerPass,
        clock,
        log);
  }

  /** As {@link #open(Database, String, String, List, OptionalLong, long, Clock, Consumer)}. */
  public static IndexerFeatures open(
      Database database,
      String rpc,
      RpcSettings rpcSettings,
      String profileName,
      List<ContractSpec> overrides,
      OptionalLong finalityDepth,
      long maxBlocksPerPass,
      Clock clock,
      Consumer<String> log) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(rpc, "rpc");
    JsonRpcChainSource source = new JsonRpcChainSource(URI.create(rpc), rpcSettings);
    long chainId = source.chainId();
    IndexerProfile base =
        profileName != null ? IndexerProfile.bundled(profileName) : local(database, chainId);
    if (base.chainId().isPresent() && base.chainId().getAsLong() != chainId) {
      throw new IllegalArgumentException(
          "profile "
              + base.name()
              + " is for chain "
              + base.chainId().getAsLong()
              + ", but the node at "
              + rpc
              + " is chain "
              + chainId);
    }
    IndexerProfile profile = base.with(overrides, finalityDepth);
    if (profile.contracts().isEmpty()) {
      throw new IllegalArgumentException(
          "no contract to index on chain "
              + chainId
              + ": give --contract Name=0xADDRESS@BLOCK, or --profile mainnet, or run naap up"
              + " against this chain first");
    }
    List<ChainFollower.Target> targets = new ArrayList<>();
    Web3j web3j = null;
    try {
      for (ContractSpec contract : profile.contracts()) {
        if (ProtocolContract.byName(contract.name()).isEmpty()) {
          throw new IllegalArgumentException(
              "naap decodes no contract named "
                  + contract.name()
                  + "; the contracts it knows: "
                  + java.util.Arrays.stream(ProtocolContract.values())
                      .map(ProtocolContract::contractName)
                      .toList());
        }
        long start;
        if (contract.startBlock().isPresent()) {
          start = contract.startBlock().getAsLong();
        } else {
          if (web3j == null) {
            web3j = Web3j.build(new HttpService(rpc));
          }
          start = CreationBlock.find(web3j, contract.address(), source.head());
          log.accept(contract.name() + " was created in block " + start + ": indexed from there");
        }
        targets.add(new ChainFollower.Target(contract.name(), contract.address(), start));
      }
    } finally {
      if (web3j != null) {
        web3j.shutdown();
      }
    }
    ProtocolMirrorStore store = new ProtocolMirrorStore(database);
    DecodingLogMapper mapper = new DecodingLogMapper(new ProtocolEventDecoder());
    ChainFollower follower =
        new ChainFollower(
            source,
            store,
            mapper,
            targets,
            new ChainFollower.Settings(profile.finalityDepth(), maxBlocksPerPass),
            clock,
            log);
    return new IndexerFeatures(profile, targets, source, store, mapper, follower, clock, log);
  }

  /** The contracts {@code naap up} recorded for the chain, with the local finality depth. */
  private static IndexerProfile local(Database database, long chainId) {
    List<ContractSpec> contracts = new ArrayList<>();
    for (ContractDeployment deployment : new ContractDeployments(database).all(chainId)) {
      if (ProtocolContract.byName(deployment.name()).isPresent()) {
        contracts.add(
            new ContractSpec(
                deployment.name(),
                deployment.address(),
                OptionalLong.of(deployment.blockNumber())));
      }
    }
    return new IndexerProfile("local", OptionalLong.of(chainId), LOCAL_FINALITY_DEPTH, contracts);
  }

  public IndexerProfile profile() {
    return profile;
  }

  /** The contracts followed, each with the block it is indexed from. */
  public List<ChainFollower.Target> targets() {
    return targets;
  }

  public ChainFollower follower() {
    return follower;
  }

  /** The loop that runs the follower and records its status after every pass. */
  public FollowLoop loop(Duration pollInterval) {
    FollowLoop loop = new FollowLoop(follower, pollInterval, log, this::recordStatus);
    this.loop = loop;
    return loop;
  }

  /**
   * The indexer's gauges in {@code meters}, tagged with the chain id: the head and lag of the last
   * pass ({@code naap.indexer.head}, {@code naap.indexer.lag.blocks}), reorgs handled, RPC
   * requests, retries and failures by kind, and logs of unknown topics.
   */
  public void registerMetrics(MeterRegistry meters) {
    Tag chain = Tag.create("chain", Long.toString(follower.chainId()));
    gauge(
        meters,
        "naap.indexer.head",
        chain,
        () -> lastPass().map(ChainFollower.Pass::head).orElse(0L));
    gauge(meters, "naap.indexer.lag.blocks", chain, this::lag);
    gauge(meters, "naap.indexer.reorgs", chain, () -> store.reorgCount(follower.chainId()));
    gauge(meters, "naap.indexer.rpc.requests", chain, () -> source.errors().snapshot().requests());
    gauge(meters, "naap.indexer.rpc.retries", chain, () -> source.errors().snapshot().retries());
    for (RpcErrorKind kind : RpcErrorKind.values()) {
      meters.getOrCreate(
          Gauge.builder("naap.indexer.rpc.errors", () -> source.errors().snapshot().errors(kind))
              .addTag(chain)
              .addTag(Tag.create("kind", kind.name())));
    }
    gauge(
        meters,
        "naap.indexer.unknown.logs",
        chain,
        () -> mapper.decoder().unknownCounts().values().stream().mapToLong(Long::longValue).sum());
  }

  private static void gauge(
      MeterRegistry meters, String name, Tag chain, java.util.function.Supplier<Long> value) {
    meters.getOrCreate(Gauge.builder(name, value).addTag(chain));
  }

  private Optional<ChainFollower.Pass> lastPass() {
    FollowLoop running = loop;
    return running == null ? Optional.empty() : Optional.ofNullable(running.lastPass());
  }

  /** Blocks the furthest contract is behind the head of the last pass. */
  private long lag() {
    return lastPass().map(pass -> store.lag(follower.chainId(), pass.head())).orElse(0L);
  }

  private void recordStatus(ChainFollower.Pass pass, String failure) {
    var counts = source.errors().snapshot();
    Map<String, Long> errors = new TreeMap<>();
    counts.errors().forEach((kind, count) -> errors.put(kind.name(), count));
    store.recordStatus(
        new IndexerStatusRow(
            follower.chainId(),
            pass == null ? 0 : pass.head(),
            pass == null ? 0 : pass.finalized(),
            OptionalLong.of(source.range().blocks()),
            counts.requests(),
            counts.retries(),
            errors,
            mapper.decoder().unknownCounts(),
            clock.instant(),
            Optional.ofNullable(failure)));
  }

  /**
   * {@code GET /v1/indexer/status} and the protocol state ({@code /v1/protocol/...}, rounds joined
   * with the telemetry demand of their window) over {@code database}.
   */
  public static List<Endpoint> endpoints(Database database, Clock clock) {
    List<Endpoint> endpoints = new ArrayList<>();
    endpoints.addAll(new IndexerEndpoints(new ProtocolMirrorStore(database), clock).endpoints());
    // the demand join resolves orchestrator identities only, which the session settings' regions
    // do not change: the defaults, as naap up's telemetry uses
    endpoints.addAll(
        new ProtocolEndpoints(
                new ProtocolStateStore(database),
                new RoundDemand(new KpiQueries(database, SessionSettings.defaults()), clock))
            .endpoints());
    return List.copyOf(endpoints);
  }
}
