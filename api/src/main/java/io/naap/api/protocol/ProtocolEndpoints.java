package io.naap.api.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.JsonReplies;
import io.naap.api.http.QueryParameters;
import io.naap.api.kpi.KpiJson;
import io.naap.storage.EthereumAddress;
import io.naap.storage.protocol.ProtocolState;
import io.naap.storage.protocol.ProtocolStateStore;
import io.naap.telemetry.kpi.RoundDemand;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The protocol state derived from the mirror: {@code GET /v1/protocol/orchestrators}, {@code GET
 * /v1/protocol/orchestrators/{address}}, {@code GET /v1/protocol/delegators/{address}} and {@code
 * GET /v1/protocol/rounds/{round}} (with the round's demand: {@link RoundDemand}).
 *
 * <p>Every answer is read as of one block of one chain: {@code ?chainId=} picks the chain (by
 * default the only one mirrored), and the block is the lowest checkpoint of its contracts ({@link
 * ProtocolStateStore#asOf}), answered as {@code asOfBlock}. Addresses are accepted in any case and
 * answered EIP-55 checksummed; LPT and ETH amounts (wei) are decimal strings; rounds, rates and
 * counts are JSON integers; unknown values are null.
 */
public final class ProtocolEndpoints {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A uint256 in decimal: at most 78 digits. */
  private static final Pattern ROUND = Pattern.compile("[0-9]{1,78}");

  private static final BigInteger UINT256_MAX =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private final ProtocolStateStore state;
  private final RoundDemand demand;

  public ProtocolEndpoints(ProtocolStateStore state, RoundDemand demand) {
    this.state = Objects.requireNonNull(state, "state");
    this.demand = Objects.requireNonNull(demand, "demand");
  }

  public List<Endpoint> endpoints() {
    return List.of(
        Endpoint.get("/v1/protocol/orchestrators", this::orchestrators),
        Endpoint.get("/v1/protocol/orchestrators/{address}", this::orchestrator),
        Endpoint.get("/v1/protocol/delegators/{address}", this::delegator),
        Endpoint.get("/v1/protocol/rounds/{round}", this::round));
  }

  /** The chain a request reads and the block it reads it as of. */
  private record View(long chainId, long asOf) {
    ObjectNode header() {
      ObjectNode node = NODES.objectNode();
      node.put("chainId", chainId);
      node.put("asOfBlock", asOf);
      return node;
    }
  }

  private void orchestrators(ServerRequest request, ServerResponse response) {
    Parameters query = request.query();
    Optional<Boolean> active = active(query);
    View view = view(query);
    Optional<BigInteger> currentRound = state.currentRound(view.chainId(), view.asOf());
    ObjectNode body = view.header();
    putInteger(body, "currentRound", currentRound);
    if (active.isPresent()) {
      body.put("active", active.get());
    } else {
      body.putNull("active");
    }
    ArrayNode items = body.putArray("orchestrators");
    for (ProtocolState.Orchestrator orchestrator :
        state.orchestrators(view.chainId(), view.asOf())) {
      boolean isActive = activeIn(orchestrator, currentRound);
      if (active.isEmpty() || active.get() == isActive) {
        items.add(orchestratorJson(NODES.objectNode(), orchestrator, isActive));
      }
    }
    JsonReplies.send(response, body);
  }

  private void orchestrator(ServerRequest request, ServerResponse response) {
    EthereumAddress address = pathAddress(request);
    View view = view(request.query());
    ProtocolState.Orchestrator orchestrator =
        state
            .orchestrator(view.chainId(), view.asOf(), address)
            .orElseThrow(
                () ->
                    notFound(
                        "orchestrator", address, view, "it never set its rates nor was activated"));
    Optional<BigInteger> currentRound = state.currentRound(view.chainId(), view.asOf());
    ObjectNode body = view.header();
    putInteger(body, "currentRound", currentRound);
    orchestratorJson(body, orchestrator, activeIn(orchestrator, currentRound));
    ArrayNode rounds = body.putArray("rounds");
    for (ProtocolState.RoundEarnings earnings :
        state.earnings(view.chainId(), view.asOf(), address)) {
      ObjectNode item = rounds.addObject();
      putInteger(item, "round", earnings.round());
      earningsJson(item, earnings);
    }
    JsonReplies.send(response, body);
  }

  private void delegator(ServerRequest request, ServerResponse response) {
    EthereumAddress address = pathAddress(request);
    View view = view(request.query());
    ProtocolState.Delegator delegator =
        state
            .delegator(view.chainId(), view.asOf(), address)
            .orElseThrow(
                () -> notFound("delegator", address, view, "the mirror saw no bond of it"));
    ObjectNode body = view.header();
    body.put("address", delegator.address().toChecksumHex());
    putAddress(body, "delegate", delegator.delegate());
    body.put("bonded", delegator.bonded().toString());
    body.put("lastChangeBlock", delegator.lastChangeBlock());
    ArrayNode locks = body.putArray("unbondingLocks");
    for (ProtocolState.Lock lock : delegator.locks()) {
      ObjectNode item = locks.addObject();
      item.put("lockId", lock.lockId());
      item.put("delegate", lock.delegate().toChecksumHex());
      item.put("amount", lock.amount().toString());
      item.put("withdrawRound", lock.withdrawRound());
      item.put("createdBlock", lock.createdBlock());
      item.put("status", lock.closedBlock().isPresent() ? "closed" : "open");
      if (lock.closedBlock().isPresent()) {
        item.put("closedBlock", lock.closedBlock().get());
      } else {
        item.putNull("closedBlock");
      }
      putText(item, "closedBy", lock.closedBy());
    }
    body.put("rewardsClaimed", delegator.rewardsClaimed().toString());
    body.put("feesClaimed", delegator.feesClaimed().toString());
    body.put("feesWithdrawn", delegator.feesWithdrawn().toString());
    JsonReplies.send(response, body);
  }

  private void round(ServerRequest request, ServerResponse response) {
    String text = request.path().pathParameters().get("round");
    BigInteger number = roundNumber(text);
    View view = view(request.query());
    ProtocolState.Round round =
        state
            .round(view.chainId(), view.asOf(), number)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND,
                        "round "
                            + number
                            + " was never announced on chain "
                            + view.chainId()
                            + " (no NewRound for it up to block "
                            + view.asOf()
                            + ")",
                        Map.of(
                            "round", number, "chainId", view.chainId(), "asOfBlock", view.asOf())));
    RoundDemand.Report joined = demand.of(round);
    ObjectNode body = view.header();
    body.put("round", round.round());
    body.put("current", round.nextStartBlock().isEmpty());
    body.put("startBlock", round.startBlock());
    body.put("blockHash", round.blockHash());
    putText(body, "startedAt", round.startedAt());
    if (round.nextStartBlock().isPresent()) {
      body.put("endBlock", round.nextStartBlock().get());
    } else {
      body.putNull("endBlock");
    }
    putText(body, "endedAt", round.nextStartedAt());
    putText(body, "mintableTokens", round.mintableTokens());
    putInteger(body, "inflation", round.inflation());
    body.put("activeOrchestrators", round.activeOrchestrators());
    ObjectNode window = body.putObject("demand");
    switch (joined.telemetry()) {
      case RoundDemand.Telemetry.Measured measured -> {
        window.put("available", true);
        window.putNull("reason");
        window.put("from", measured.from().toString());
        window.put("to", measured.to().toString());
        window.put("complete", measured.complete());
        window.set("unattributed", figures(measured.unattributed()));
      }
      case RoundDemand.Telemetry.Unavailable unavailable -> {
        window.put("available", false);
        window.put("reason", unavailable.reason());
        window.putNull("from");
        window.putNull("to");
        window.putNull("complete");
        window.putNull("unattributed");
      }
    }
    ArrayNode items = body.putArray("orchestrators");
    for (RoundDemand.Entry entry : joined.orchestrators()) {
      ObjectNode item = items.addObject();
      item.put("address", entry.orchestrator().toChecksumHex());
      earningsJson(item, entry.onChain());
      if (entry.telemetry().isPresent()) {
        ObjectNode demanded = figures(entry.telemetry().get());
        Optional<BigDecimal> ratio = entry.feesCreditedOverExpected();
        if (ratio.isPresent()) {
          demanded.put("feesCreditedOverExpected", ratio.get());
        } else {
          demanded.putNull("feesCreditedOverExpected");
        }
        item.set("demand", demanded);
      } else {
        item.putNull("demand");
      }
    }
    JsonReplies.send(response, body);
  }

  /** The chain asked for (or the only one mirrored) and the block its state is read as of. */
  private View view(Parameters query) {
    List<Long> chains = state.chains();
    Optional<String> asked = QueryParameters.text(query, "chainId");
    long chainId;
    if (asked.isPresent()) {
      chainId = chainId(asked.get());
      if (!chains.contains(chainId)) {
        throw new ApiException(
            ErrorCode.NOT_FOUND,
            "chain "
                + chainId
                + " is not mirrored"
                + (chains.isEmpty() ? " (no chain is yet)" : "; the chains mirrored: " + chains),
            Map.of("chainId", chainId, "chains", chains));
      }
    } else if (chains.isEmpty()) {
      throw new ApiException(
          ErrorCode.NOT_FOUND,
          "no chain is mirrored yet: the protocol state is served once the indexer (naap indexer"
              + " run, or naap up) has mirrored a chain",
          Map.of("chains", chains));
    } else if (chains.size() > 1) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "several chains are mirrored " + chains + ": say which one with ?chainId=",
          Map.of("parameter", "chainId", "chains", chains));
    } else {
      chainId = chains.getFirst();
    }
    long asOf =
        state
            .asOf(chainId)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND,
                        "chain " + chainId + " is not mirrored",
                        Map.of("chainId", chainId)));
    return new View(chainId, asOf);
  }

  private static long chainId(String text) {
    try {
      long chainId = Long.parseLong(text);
      if (chainId <= 0 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new NumberFormatException();
      }
      return chainId;
    } catch (NumberFormatException e) {
      throw QueryParameters.invalid("chainId", "a chain id: a positive decimal integer", text);
    }
  }

  private static Optional<Boolean> active(Parameters query) {
    Optional<String> text = QueryParameters.text(query, "active");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return switch (text.get()) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> throw QueryParameters.invalid("active", "true or false", text.get());
    };
  }

  private static BigInteger roundNumber(String text) {
    if (text == null || !ROUND.matcher(text).matches()) {
      throw QueryParameters.invalid(
          "round", "a round number: a non-negative decimal integer", String.valueOf(text));
    }
    BigInteger round = new BigInteger(text);
    if (round.compareTo(UINT256_MAX) > 0) {
      throw QueryParameters.invalid("round", "a round number below 2^256", text);
    }
    return round;
  }

  private static EthereumAddress pathAddress(ServerRequest request) {
    return QueryParameters.address("address", request.path().pathParameters().get("address"));
  }

  /** 404 for an address the mirror does not know as a {@code kind} up to the view's block. */
  private static ApiException notFound(
      String kind, EthereumAddress address, View view, String why) {
    return new ApiException(
        ErrorCode.NOT_FOUND,
        "no "
            + kind
            + " "
            + address.toChecksumHex()
            + " on chain "
            + view.chainId()
            + " up to block "
            + view.asOf()
            + ": "
            + why,
        Map.of(
            "address",
            address.toChecksumHex(),
            "chainId",
            view.chainId(),
            "asOfBlock",
            view.asOf()));
  }

  private static boolean activeIn(
      ProtocolState.Orchestrator orchestrator, Optional<BigInteger> currentRound) {
    return currentRound.map(orchestrator::activeIn).orElse(false);
  }

  private static ObjectNode orchestratorJson(
      ObjectNode node, ProtocolState.Orchestrator orchestrator, boolean active) {
    node.put("address", orchestrator.address().toChecksumHex());
    putInteger(node, "rewardCut", orchestrator.rewardCut());
    putFraction(node, "rewardCutFraction", orchestrator.rewardCut());
    putInteger(node, "feeShare", orchestrator.feeShare());
    putFraction(node, "feeShareFraction", orchestrator.feeShare());
    putInteger(node, "activationRound", orchestrator.activationRound());
    putInteger(node, "deactivationRound", orchestrator.deactivationRound());
    node.put("active", active);
    node.put("stake", orchestrator.stake().toString());
    putText(node, "serviceUri", orchestrator.serviceUri());
    putText(node, "aiServiceUri", orchestrator.aiServiceUri());
    putInteger(node, "lastRewardRound", orchestrator.lastRewardRound());
    return node;
  }

  private static void earningsJson(ObjectNode node, ProtocolState.RoundEarnings earnings) {
    node.put("rewards", earnings.rewards().toString());
    node.put("treasuryRewards", earnings.treasuryRewards().toString());
    node.put("rewardCalls", earnings.rewardCalls());
    node.put("faceValueWei", earnings.faceValue().toString());
    node.put("feesCreditedWei", earnings.feesCredited().toString());
    node.put("winningTickets", earnings.winningTickets());
  }

  private static ObjectNode figures(RoundDemand.Figures figures) {
    ObjectNode node = NODES.objectNode();
    node.set("real", KpiJson.demand(figures.real()));
    node.set("test", KpiJson.demand(figures.test()));
    node.set("total", KpiJson.demand(figures.total()));
    return node;
  }

  private static void putInteger(ObjectNode node, String name, Optional<BigInteger> value) {
    if (value.isPresent()) {
      node.put(name, value.get());
    } else {
      node.putNull(name);
    }
  }

  /** Parts per 1,000,000 as a fraction of one, exact. */
  private static void putFraction(
      ObjectNode node, String name, Optional<BigInteger> partsPerMillion) {
    if (partsPerMillion.isPresent()) {
      node.put(name, new BigDecimal(partsPerMillion.get()).movePointLeft(6).stripTrailingZeros());
    } else {
      node.putNull(name);
    }
  }

  private static void putText(ObjectNode node, String name, Optional<?> value) {
    if (value.isPresent()) {
      node.put(name, value.get().toString());
    } else {
      node.putNull(name);
    }
  }

  private static void putAddress(ObjectNode node, String name, Optional<EthereumAddress> value) {
    if (value.isPresent()) {
      node.put(name, value.get().toChecksumHex());
    } else {
      node.putNull(name);
    }
  }
}
