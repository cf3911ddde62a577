package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonGenerator;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.ShareRow;
import io.naap.storage.incentives.SplitRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An orchestrator's payouts over a range of epochs: per epoch in which it had a share or a split,
 * its shares per workload and how its totals were split between its commission and its delegators;
 * and the totals over the range. An address never paid in the range has an empty report.
 */
record OrchestratorReport(
    DistributorContract distributor,
    EthereumAddress orchestrator,
    EpochRange range,
    List<ShareRow> shares,
    List<SplitRow> splits)
    implements Report {
  OrchestratorReport {
    Objects.requireNonNull(distributor, "distributor");
    Objects.requireNonNull(orchestrator, "orchestrator");
    Objects.requireNonNull(range, "range");
    shares = List.copyOf(shares);
    splits = List.copyOf(splits);
  }

  /** One epoch of the report: its shares, by workload, and its totals. */
  record Epoch(long epoch, List<ShareRow> shares, OrchestratorTotals totals) {}

  /** The epochs with a share or a split of the orchestrator, ascending. */
  List<Epoch> epochs() {
    SortedMap<Long, List<ShareRow>> sharesByEpoch = new TreeMap<>();
    SortedMap<Long, OrchestratorTotals> totals = new TreeMap<>();
    for (ShareRow share : shares) {
      sharesByEpoch.computeIfAbsent(share.epoch(), epoch -> new ArrayList<>()).add(share);
      totals.merge(share.epoch(), OrchestratorTotals.ZERO.plus(share), OrchestratorTotals::plus);
    }
    for (SplitRow split : splits) {
      totals.merge(split.epoch(), OrchestratorTotals.ZERO.plus(split), OrchestratorTotals::plus);
    }
    List<Epoch> epochs = new ArrayList<>(totals.size());
    for (Map.Entry<Long, OrchestratorTotals> epoch : totals.entrySet()) {
      epochs.add(
          new Epoch(
              epoch.getKey(),
              List.copyOf(sharesByEpoch.getOrDefault(epoch.getKey(), List.of())),
              epoch.getValue()));
    }
    return epochs;
  }

  @Override
  public void writeJson(JsonGenerator json) throws IOException {
    json.writeStartObject();
    IncentiveJson.distributor(json, distributor);
    IncentiveJson.address(json, "orchestrator", orchestrator);
    json.writeNumberField("from", range.from());
    json.writeNumberField("to", range.to());
    OrchestratorTotals all = OrchestratorTotals.ZERO;
    json.writeArrayFieldStart("epochs");
    for (Epoch epoch : epochs()) {
      json.writeStartObject();
      json.writeNumberField("epoch", epoch.epoch());
      json.writeArrayFieldStart("payouts");
      for (ShareRow share : epoch.shares()) {
        json.writeStartObject();
        json.writeStringField("workload", share.workload());
        IncentiveJson.payout(json, share);
        json.writeEndObject();
      }
      json.writeEndArray();
      epoch.totals().writeFields(json);
      json.writeEndObject();
      all = all.plus(epoch.totals());
    }
    json.writeEndArray();
    json.writeObjectFieldStart("totals");
    all.writeFields(json);
    json.writeEndObject();
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
    return "naap-incentives-orchestrator-"
        + orchestrator.toHex()
        + "-epochs-"
        + range.from()
        + "-"
        + range.to()
        + ".csv";
  }
}
