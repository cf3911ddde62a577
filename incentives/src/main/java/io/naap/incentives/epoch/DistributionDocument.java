package io.naap.incentives.epoch;

import io.naap.attestations.EvmAddress;
import io.naap.attestations.PayoutLeaf;
import io.naap.incentives.delegation.DelegatorShare;
import io.naap.incentives.delegation.OrchestratorSplit;
import io.naap.incentives.distribution.EpochDistribution;
import io.naap.incentives.distribution.Explanation;
import io.naap.incentives.distribution.Share;
import io.naap.incentives.distribution.WorkloadAllocation;
import io.naap.incentives.payout.PayoutTree;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical JSON of an epoch's distribution: what anyone downloads, recomputes and hashes
 * ({@code dataHash}, signed in the payout root). UTF-8, no whitespace, keys in a fixed order,
 * amounts as decimal strings (wei), addresses and hashes as lower-case {@code 0x} hex, ratios as
 * Java's shortest round-trip decimal of the double, lists in workload then address order. The
 * explanations of the shares are left out (they follow from the inputs and the rules version, and
 * would make the document of a large epoch tens of megabytes); they are stored beside each share
 * ({@link #explanationJson}) and served by the API:
 *
 * <pre>{@code
 * {"epoch":N,"rulesVersion":"incentives-1","leafTypes":"address,uint256",
 *  "pools":[{"workload","fundedThrough","funded","carriedIn","distributed","carriedOut",
 *            "feesCredited"}],
 *  "shares":[{"workload","orchestrator","amount","fairFees","feesCredited","qualifies"}],
 *  "splits":[{"kind":"bonus"|"fees","orchestrator","payout","feeSharePpm","commission",
 *             "delegators":[{"delegator","stake","amount"}],"basis"}],
 *  "unattributedFees","unknownFunding":[{"workload","fundedThrough"}],
 *  "payoutRoot":"0x.."|null,"cumulativeTotal","leaves":[{"account","cumulativeAmount"}]}
 * }</pre>
 */
public final class DistributionDocument {
  private static final HexFormat HEX = HexFormat.of();

  private DistributionDocument() {}

  static byte[] canonicalJson(
      long epoch,
      String rulesVersion,
      List<PoolOutcome> pools,
      EpochDistribution bonus,
      EpochDistribution fairFees,
      EpochPayouts.Attribution attribution,
      Map<String, BigInteger> unknownFunding,
      List<OrchestratorSplit> bonusSplits,
      List<OrchestratorSplit> feeSplits,
      Optional<PayoutTree> tree) {
    StringBuilder json = new StringBuilder(1 << 16);
    json.append("{\"epoch\":").append(epoch);
    json.append(",\"rulesVersion\":");
    string(json, rulesVersion);
    json.append(",\"leafTypes\":\"").append(PayoutLeaf.TYPES).append('"');
    json.append(",\"pools\":[");
    for (int i = 0; i < pools.size(); i++) {
      PoolOutcome pool = pools.get(i);
      json.append(i == 0 ? "{" : ",{").append("\"workload\":");
      string(json, pool.workload());
      amount(json, "fundedThrough", pool.fundedThrough());
      amount(json, "funded", pool.funded());
      amount(json, "carriedIn", pool.carriedIn());
      amount(json, "distributed", pool.distributed());
      amount(json, "carriedOut", pool.carriedOut());
      amount(json, "feesCredited", pool.feesCredited());
      json.append('}');
    }
    json.append("],\"shares\":[");
    boolean first = true;
    for (int w = 0; w < bonus.workloads().size(); w++) {
      WorkloadAllocation allocation = bonus.workloads().get(w);
      WorkloadAllocation fair = fairFees.workloads().get(w);
      for (int s = 0; s < allocation.shares().size(); s++) {
        Share share = allocation.shares().get(s);
        json.append(first ? "{" : ",{").append("\"workload\":");
        first = false;
        string(json, allocation.workload());
        json.append(",\"orchestrator\":\"").append(hex(share.orchestrator())).append('"');
        amount(json, "amount", share.amount());
        amount(json, "fairFees", fair.shares().get(s).amount());
        amount(
            json,
            "feesCredited",
            attribution
                .perOrchestrator()
                .getOrDefault(share.orchestrator(), Map.of())
                .getOrDefault(allocation.workload(), BigInteger.ZERO));
        json.append(",\"qualifies\":").append(share.explanation().qualifies());
        json.append('}');
      }
    }
    json.append("],\"splits\":[");
    first = true;
    for (String kind : List.of("bonus", "fees")) {
      for (OrchestratorSplit split : kind.equals("bonus") ? bonusSplits : feeSplits) {
        json.append(first ? "{" : ",{").append("\"kind\":\"").append(kind).append('"');
        first = false;
        json.append(",\"orchestrator\":\"").append(hex(split.orchestrator())).append('"');
        amount(json, "payout", split.payout());
        json.append(",\"feeSharePpm\":").append(split.feeSharePpm());
        amount(json, "commission", split.commission());
        json.append(",\"delegators\":[");
        for (int d = 0; d < split.delegators().size(); d++) {
          DelegatorShare share = split.delegators().get(d);
          json.append(d == 0 ? "{" : ",{");
          json.append("\"delegator\":\"").append(hex(share.delegator())).append('"');
          amount(json, "stake", share.stake());
          amount(json, "amount", share.amount());
          json.append('}');
        }
        json.append("],\"basis\":");
        string(json, split.basis());
        json.append('}');
      }
    }
    json.append(']');
    amount(json, "unattributedFees", attribution.unattributed());
    json.append(",\"unknownFunding\":[");
    first = true;
    for (Map.Entry<String, BigInteger> unknown : new TreeMap<>(unknownFunding).entrySet()) {
      json.append(first ? "{" : ",{").append("\"workload\":");
      first = false;
      string(json, unknown.getKey());
      amount(json, "fundedThrough", unknown.getValue());
      json.append('}');
    }
    json.append("],\"payoutRoot\":");
    if (tree.isPresent()) {
      json.append('"').append(tree.get().root().hex()).append('"');
    } else {
      json.append("null");
    }
    amount(json, "cumulativeTotal", tree.map(PayoutTree::total).orElse(BigInteger.ZERO));
    json.append(",\"leaves\":[");
    if (tree.isPresent()) {
      List<PayoutLeaf> leaves = tree.get().leaves();
      for (int i = 0; i < leaves.size(); i++) {
        json.append(i == 0 ? "{" : ",{");
        json.append("\"account\":\"").append(hex(leaves.get(i).account())).append('"');
        amount(json, "cumulativeAmount", leaves.get(i).cumulativeAmount());
        json.append('}');
      }
    }
    json.append("]}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An explanation as a JSON object (as stored beside each share and served by the API). */
  public static String explanationJson(Explanation explanation) {
    StringBuilder json = new StringBuilder(512);
    explanation(json, explanation);
    return json.toString();
  }

  private static void explanation(StringBuilder json, Explanation e) {
    json.append("{\"qualifies\":").append(e.qualifies());
    json.append(",\"scoreBps\":").append(e.scoreBps());
    json.append(",\"minScoreBps\":").append(e.minScoreBps());
    ratio(json, "minutesShare", e.minutesShare());
    ratio(json, "selectionShare", e.selectionShare());
    ratio(json, "volume", e.volume());
    ratio(json, "slaFactor", e.slaFactor());
    ratio(json, "swapRate", e.swapRate());
    ratio(json, "swapFactor", e.swapFactor());
    json.append(",\"gpu\":");
    string(json, e.gpu().name());
    ratio(json, "hourlyCostUsd", e.hourlyCostUsd());
    ratio(json, "costFactor", e.costFactor());
    ratio(json, "weight", e.weight());
    json.append(",\"capped\":").append(e.capped());
    amount(json, "remainder", e.remainder());
    json.append(",\"reason\":");
    string(json, e.reason());
    json.append('}');
  }

  private static void amount(StringBuilder json, String key, BigInteger value) {
    json.append(",\"").append(key).append("\":\"").append(value).append('"');
  }

  private static void ratio(StringBuilder json, String key, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(key + " is not finite: " + value);
    }
    json.append(",\"").append(key).append("\":");
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.append((long) value);
    } else {
      json.append(Double.toString(value).toLowerCase(Locale.ROOT));
    }
  }

  private static String hex(EvmAddress address) {
    return "0x" + HEX.formatHex(address.bytes());
  }

  private static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
