package io.naap.api.indexer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.naap.api.Endpoint;
import io.naap.api.http.JsonReplies;
import io.naap.storage.protocol.IndexedContract;
import io.naap.storage.protocol.IndexerStatusRow;
import io.naap.storage.protocol.ProtocolMirrorStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /v1/indexer/status}: for every chain indexed, what its indexer saw at its last pass
 * (head, finality line, the {@code eth_getLogs} range in use, RPC requests, retries and failures by
 * kind, unknown topics, why the last pass failed), the reorgs handled, and per contract its last
 * indexed block and lag behind the head. Read from the database, so it answers whichever process
 * indexes.
 */
public final class IndexerEndpoints {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ProtocolMirrorStore store;
  private final Clock clock;

  public IndexerEndpoints(ProtocolMirrorStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public List<Endpoint> endpoints() {
    return List.of(Endpoint.get("/v1/indexer/status", this::status));
  }

  private void status(ServerRequest request, ServerResponse response) {
    ObjectNode body = NODES.objectNode();
    ArrayNode chains = body.putArray("chains");
    for (IndexerStatusRow status : store.statuses()) {
      ObjectNode chain = chains.addObject();
      chain.put("chainId", status.chainId());
      chain.put("head", status.head());
      chain.put("finalized", status.finalized());
      chain.put("lastPassAt", status.lastPassAt().toString());
      chain.put(
          "secondsSinceLastPass",
          Math.max(0, Duration.between(status.lastPassAt(), clock.instant()).toSeconds()));
      if (status.lastFailure().isPresent()) {
        chain.put("lastFailure", status.lastFailure().get());
      } else {
        chain.putNull("lastFailure");
      }
      if (status.rangeBlocks().isPresent()) {
        chain.put("currentRangeBlocks", status.rangeBlocks().getAsLong());
      } else {
        chain.putNull("currentRangeBlocks");
      }
      chain.put("rpcRequests", status.requests());
      chain.put("rpcRetries", status.retries());
      counts(chain.putObject("rpcErrors"), status.rpcErrors());
      counts(chain.putObject("unknownTopics"), status.unknownTopics());
      chain.put("reorgsHandled", store.reorgCount(status.chainId()));
      ArrayNode contracts = chain.putArray("contracts");
      for (IndexedContract contract : store.contracts(status.chainId())) {
        ObjectNode item = contracts.addObject();
        item.put("name", contract.name());
        item.put("address", contract.address().toChecksumHex());
        item.put("startBlock", contract.startBlock());
        item.put("indexedThrough", contract.indexedThrough());
        long behind = Math.max(0, status.head() - contract.indexedThrough());
        item.put("lagBlocks", behind);
      }
      chain.put("lagBlocks", store.lag(status.chainId(), status.head()));
    }
    JsonReplies.send(response, body);
  }

  private static void counts(ObjectNode node, Map<String, Long> counts) {
    counts.forEach(node::put);
  }
}
