package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonGenerator;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.PoolRow;
import io.naap.storage.incentives.ShareRow;
import io.naap.storage.incentives.SplitRow;
import io.naap.storage.incentives.StoredDistribution;
import io.naap.storage.oracle.Publication;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An epoch's distribution with everything computed with it: its pools, every orchestrator's payout
 * per workload with the explanation, how each orchestrator's totals were split, and each account's
 * bonus of the epoch.
 */
record EpochReport(
    DistributorContract distributor,
    StoredDistribution distribution,
    List<PoolRow> pools,
    List<ShareRow> shares,
    List<SplitRow> splits)
    implements Report {
  EpochReport {
    Objects.requireNonNull(distributor, "distributor");
    Objects.requireNonNull(distribution, "distribution");
    pools = List.copyOf(pools);
    shares = List.copyOf(shares);
    splits = List.copyOf(splits);
  }

  /** Each account's bonus of the epoch (the sum of its bonus split rows), by address. */
  SortedMap<EthereumAddress, BigInteger> bonusByAccount() {
    SortedMap<EthereumAddress, BigInteger> bonus = new TreeMap<>();
    for (SplitRow split : splits) {
      if (split.kind() == SplitRow.Kind.BONUS) {
        bonus.merge(split.account(), split.amount(), BigInteger::add);
      }
    }
    return bonus;
  }

  @Override
  public void writeJson(JsonGenerator json) throws IOException {
    StoredDistribution d = distribution;
    json.writeStartObject();
    IncentiveJson.distributor(json, distributor);
    json.writeNumberField("epoch", d.epoch());
    IncentiveJson.instant(json, "startsAt", d.startsAt());
    IncentiveJson.instant(json, "endsAt", d.endsAt());
    json.writeStringField("rulesVersion", d.rulesVersion());
    json.writeStringField("status", d.status().text());
    IncentiveJson.text(json, "statusReason", d.statusReason());
    IncentiveJson.text(json, "payoutRoot", d.payoutRoot().map(IncentiveJson::hex));
    IncentiveJson.amount(json, "cumulativeTotal", d.cumulativeTotal());
    json.writeNumberField("leafCount", d.leafCount());
    json.writeStringField("dataHash", IncentiveJson.hex(d.dataHash()));
    json.writeNumberField("stakeBlock", d.stakeBlock());
    IncentiveJson.address(json, "oracle", d.oracle());
    IncentiveJson.number(json, "configVersion", d.configVersion());
    IncentiveJson.instant(json, "builtAt", d.builtAt());
    if (d.transaction().isPresent() && d.publication().isEmpty()) {
      json.writeObjectFieldStart("submission");
      json.writeStringField("transaction", d.transaction().get().toHex());
      IncentiveJson.text(json, "sentAt", d.transactionSentAt().map(Object::toString));
      json.writeEndObject();
    } else {
      json.writeNullField("submission");
    }
    if (d.publication().isPresent()) {
      Publication published = d.publication().get();
      json.writeObjectFieldStart("publication");
      json.writeStringField("transaction", published.transaction().toHex());
      json.writeNumberField("blockNumber", published.blockNumber());
      json.writeNumberField("gasUsed", published.gasUsed());
      IncentiveJson.address(json, "submitter", published.submitter());
      IncentiveJson.instant(json, "publishedAt", published.publishedAt());
      json.writeEndObject();
    } else {
      json.writeNullField("publication");
    }
    IncentiveJson.amount(json, "unattributedFees", d.unattributedFees());

    json.writeArrayFieldStart("pools");
    for (PoolRow pool : pools) {
      json.writeStartObject();
      json.writeStringField("workload", pool.workload());
      IncentiveJson.amount(json, "fundedThrough", pool.fundedThrough());
      IncentiveJson.amount(json, "funded", pool.funded());
      IncentiveJson.amount(json, "carriedIn", pool.carriedIn());
      IncentiveJson.amount(json, "distributed", pool.distributed());
      IncentiveJson.amount(json, "carriedOut", pool.carriedOut());
      IncentiveJson.amount(json, "feesCredited", pool.feesCredited());
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("payouts");
    for (ShareRow share : shares) {
      json.writeStartObject();
      json.writeStringField("workload", share.workload());
      IncentiveJson.address(json, "orchestrator", share.orchestrator());
      IncentiveJson.payout(json, share);
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("splits");
    for (SplitRow split : splits) {
      json.writeStartObject();
      IncentiveJson.split(json, split, true);
      json.writeEndObject();
    }
    json.writeEndArray();

    json.writeArrayFieldStart("accounts");
    for (Map.Entry<EthereumAddress, BigInteger> account : bonusByAccount().entrySet()) {
      json.writeStartObject();
      IncentiveJson.address(json, "account", account.getKey());
      IncentiveJson.amount(json, "amount", account.getValue());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  @Override
  public List<String> csvHeader() {
    return PayoutColumns.HEADER;
  }

  @Override
  public void writeCsvRows(CsvWriter csv) throws IOException {
    for (ShareRow share : shares) {
      PayoutColumns.write(csv, share);
    }
  }

  @Override
  public String csvFileName() {
    return "naap-incentives-epoch-" + distribution.epoch() + ".csv";
  }
}
