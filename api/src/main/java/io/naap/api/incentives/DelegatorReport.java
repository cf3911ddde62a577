package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonGenerator;
import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.DistributorContract;
import io.naap.storage.incentives.SplitRow;
import java.io.IOException;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What reached an account over a range of epochs: every split row naming it, as a delegator of an
 * orchestrator (its own bond, for an orchestrator) and as an orchestrator's commission; and the
 * totals per kind. An account that received nothing in the range has an empty report.
 */
record DelegatorReport(
    DistributorContract distributor,
    EthereumAddress account,
    EpochRange range,
    List<SplitRow> splits)
    implements Report {
  static final List<String> CSV_HEADER =
      List.of("epoch", "kind", "orchestrator", "account", "role", "amount", "stake", "feeSharePpm");

  DelegatorReport {
    Objects.requireNonNull(distributor, "distributor");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(range, "range");
    splits = List.copyOf(splits);
  }

  /** The sum of the split rows of each kind (every kind, 0 when it has none). */
  Map<SplitRow.Kind, BigInteger> totals() {
    Map<SplitRow.Kind, BigInteger> totals = new EnumMap<>(SplitRow.Kind.class);
    for (SplitRow.Kind kind : SplitRow.Kind.values()) {
      totals.put(kind, BigInteger.ZERO);
    }
    for (SplitRow split : splits) {
      totals.merge(split.kind(), split.amount(), BigInteger::add);
    }
    return totals;
  }

  @Override
  public void writeJson(JsonGenerator json) throws IOException {
    json.writeStartObject();
    IncentiveJson.distributor(json, distributor);
    IncentiveJson.address(json, "account", account);
    json.writeNumberField("from", range.from());
    json.writeNumberField("to", range.to());
    json.writeArrayFieldStart("splits");
    for (SplitRow split : splits) {
      json.writeStartObject();
      json.writeNumberField("epoch", split.epoch());
      IncentiveJson.split(json, split, false);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeObjectFieldStart("totals");
    for (Map.Entry<SplitRow.Kind, BigInteger> total : totals().entrySet()) {
      IncentiveJson.amount(json, total.getKey().text(), total.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  @Override
  public List<String> csvHeader() {
    return CSV_HEADER;
  }

  @Override
  public void writeCsvRows(CsvWriter csv) throws IOException {
    for (SplitRow split : splits) {
      csv.row(
          List.of(
              Long.toString(split.epoch()),
              split.kind().text(),
              split.orchestrator().toChecksumHex(),
              split.account().toChecksumHex(),
              split.role().text(),
              split.amount().toString(),
              split.stake().map(BigInteger::toString).orElse(""),
              split.feeSharePpm().isPresent()
                  ? Long.toString(split.feeSharePpm().getAsLong())
                  : ""));
    }
  }

  @Override
  public String csvFileName() {
    return "naap-incentives-delegator-"
        + account.toHex()
        + "-epochs-"
        + range.from()
        + "-"
        + range.to()
        + ".csv";
  }
}
