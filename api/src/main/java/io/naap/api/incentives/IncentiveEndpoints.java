package io.naap.api.incentives;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.error.ApiException;
import io.naap.api.error.ErrorCode;
import io.naap.api.http.JsonReplies;
import io.naap.api.http.QueryParameters;
import io.naap.attestations.Bytes32;
import io.naap.attestations.MerkleTree;
import io.naap.attestations.PayoutLeaf;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.DistributionStatus;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.IncentiveStore;
import io.naap.storage.incentives.StoredDistribution;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The SLA bonus distributions of one SlaFeeDistributor contract, as the incentive engine stored
 * them ({@link IncentiveStore}); reads only:
 *
 * <ul>
 *   <li>{@code GET /v1/incentives/epochs/{epoch}}: an epoch's distribution, its pools, every payout
 *       with its explanation, the splits with delegators and each account's bonus;
 *   <li>{@code GET /v1/incentives/orchestrators/{address}}: an orchestrator's payouts and splits
 *       over a range of epochs;
 *   <li>{@code GET /v1/incentives/delegators/{address}}: what reached an account over a range of
 *       epochs;
 *   <li>{@code GET /v1/incentives/epochs/{epoch}/claims/{address}}: an account's leaf of the
 *       epoch's payout tree with its Merkle proof, what a claim on the contract takes.
 * </ul>
 *
 * The three reports answer {@code ?format=csv} too (RFC 4180, one row per payout). Addresses are
 * accepted in any case and answered EIP-55 checksummed; amounts are decimal strings in the
 * distributor asset's smallest unit (wei for ETH). Each answer reads the store a fixed number of
 * times, whatever the epoch holds.
 */
public final class IncentiveEndpoints {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final IncentiveStore store;
  private final PayoutTrees trees;

  public IncentiveEndpoints(IncentiveStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.trees = new PayoutTrees(store);
  }

  public List<Endpoint> endpoints() {
    return List.of(
        Endpoint.get("/v1/incentives/epochs/{epoch}", this::epoch),
        Endpoint.get("/v1/incentives/epochs/{epoch}/claims/{address}", this::claim),
        Endpoint.get("/v1/incentives/orchestrators/{address}", this::orchestrator),
        Endpoint.get("/v1/incentives/delegators/{address}", this::delegator));
  }

  private void epoch(ServerRequest request, ServerResponse response) {
    long epoch = pathEpoch(request);
    ReportFormat format = ReportFormat.of(request.query());
    StoredDistribution distribution = distribution(epoch);
    EpochReport report =
        new EpochReport(
            store.distributor(),
            distribution,
            store.pools(epoch),
            store.shares(epoch),
            store.splits(epoch));
    ReportReplies.send(response, format, report);
  }

  private void orchestrator(ServerRequest request, ServerResponse response) {
    EthereumAddress orchestrator = pathAddress(request);
    ReportFormat format = ReportFormat.of(request.query());
    EpochRange range = EpochRange.of(request.query(), this::latestEpoch);
    OrchestratorReport report =
        new OrchestratorReport(
            store.distributor(),
            orchestrator,
            range,
            store.sharesOf(orchestrator, range.from(), range.to()),
            store.splitsBy(orchestrator, range.from(), range.to()));
    ReportReplies.send(response, format, report);
  }

  private void delegator(ServerRequest request, ServerResponse response) {
    EthereumAddress account = pathAddress(request);
    ReportFormat format = ReportFormat.of(request.query());
    EpochRange range = EpochRange.of(request.query(), this::latestEpoch);
    DelegatorReport report =
        new DelegatorReport(
            store.distributor(), account, range, store.splitsOf(account, range.from(), range.to()));
    ReportReplies.send(response, format, report);
  }

  private void claim(ServerRequest request, ServerResponse response) {
    long epoch = pathEpoch(request);
    EthereumAddress account = pathAddress(request);
    StoredDistribution distribution = distribution(epoch);
    Bytes32 root =
        distribution
            .payoutRoot()
            .map(Bytes32::of)
            .orElseThrow(
                () ->
                    noClaim(
                        "epoch "
                            + epoch
                            + " has no payout tree: no account had been allotted anything by then",
                        "no_payout_tree",
                        epoch,
                        account));
    PayoutTrees.Verified tree = trees.of(distribution, root);
    PayoutLeaf leaf =
        tree.leaf(account)
            .orElseThrow(
                () ->
                    noClaim(
                        account.toChecksumHex()
                            + " has no leaf in the payout tree of epoch "
                            + epoch
                            + ": nothing was allotted to it up to that epoch",
                        "no_leaf",
                        epoch,
                        account));
    Bytes32 leafHash = leaf.hash();
    List<Bytes32> proof = tree.tree().proof(leafHash);
    if (!MerkleTree.verify(root, leafHash, proof)) {
      throw PayoutTrees.corrupted(
          "the proof of " + account.toChecksumHex() + " does not verify against its root", epoch);
    }
    DistributorContract distributor = store.distributor();
    ObjectNode body = NODES.objectNode();
    body.put("chainId", distributor.chainId());
    body.put("distributor", distributor.address().toChecksumHex());
    body.put("epoch", epoch);
    body.put("account", account.toChecksumHex());
    body.put("cumulativeAmount", leaf.cumulativeAmount().toString());
    body.put("leafHash", leafHash.hex());
    ArrayNode proofJson = body.putArray("proof");
    proof.forEach(node -> proofJson.add(node.hex()));
    body.put("payoutRoot", root.hex());
    body.put("leafCount", distribution.leafCount());
    body.put("status", distribution.status().text());
    if (distribution.statusReason().isPresent()) {
      body.put("statusReason", distribution.statusReason().get());
    } else {
      body.putNull("statusReason");
    }
    body.put("claimable", distribution.status() == DistributionStatus.PUBLISHED);
    JsonReplies.send(response, body);
  }

  private static final String LATEST = "latest";

  private StoredDistribution distribution(long epoch) {
    return store
        .distribution(epoch)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.NOT_FOUND,
                    "epoch "
                        + epoch
                        + " has no distribution on "
                        + store.distributor()
                        + ": it was not built (yet)",
                    Map.of("epoch", epoch, "reason", "no_distribution")));
  }

  private OptionalLong latestEpoch() {
    return store
        .latest()
        .map(distribution -> OptionalLong.of(distribution.epoch()))
        .orElse(OptionalLong.empty());
  }

  private static ApiException noClaim(
      String message, String reason, long epoch, EthereumAddress account) {
    return new ApiException(
        ErrorCode.NOT_FOUND,
        message,
        Map.of("epoch", epoch, "account", account.toChecksumHex(), "reason", reason));
  }

  /** The path's epoch: a number, or {@code latest}, the latest whose root is on chain. */
  private long pathEpoch(ServerRequest request) {
    String text = request.path().pathParameters().get("epoch");
    if (LATEST.equals(text)) {
      return store
          .latestPublished()
          .map(StoredDistribution::epoch)
          .orElseThrow(
              () ->
                  new ApiException(
                      ErrorCode.NOT_FOUND,
                      "no payout root of "
                          + store.distributor()
                          + " is on chain yet: there is no latest epoch",
                      Map.of("epoch", LATEST, "reason", "no_distribution")));
    }
    return EpochRange.epoch("epoch", text);
  }

  private static EthereumAddress pathAddress(ServerRequest request) {
    return QueryParameters.address("address", request.path().pathParameters().get("address"));
  }
}
