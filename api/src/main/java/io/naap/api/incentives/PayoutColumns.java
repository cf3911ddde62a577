package io.naap.api.incentives;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.naap.storage.incentives.ShareRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV columns of a payout (an orchestrator's share of a workload's pool in an epoch): the
 * share's own figures, the main factors of its explanation flattened into columns, and the whole
 * explanation as JSON, so that factors of other rules are not lost.
 *
 * <p>A factor is the explanation's field of that name: a number as plain decimal text (no
 * exponent), a text as is, a boolean as {@code true} or {@code false}, an object or array as its
 * JSON; empty when the explanation has no such field (or is not a JSON object).
 */
final class PayoutColumns {
  /** The factors of the incentive rules' explanation, in the order the rules compute them. */
  static final List<String> FACTORS =
      List.of(
          "scoreBps",
          "minScoreBps",
          "minutesShare",
          "selectionShare",
          "volume",
          "slaFactor",
          "swapRate",
          "swapFactor",
          "gpu",
          "hourlyCostUsd",
          "costFactor",
          "weight",
          "capped",
          "remainder",
          "reason");

  static final List<String> HEADER = header();

  /** Floats read as exact decimals, so that a factor is written as stored. */
  private static final ObjectMapper EXPLANATIONS =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private PayoutColumns() {}

  private static List<String> header() {
    List<String> header = new ArrayList<>();
    header.addAll(
        List.of(
            "epoch",
            "workload",
            "orchestrator",
            "qualifies",
            "amount",
            "fairFees",
            "feesCredited"));
    header.addAll(FACTORS);
    header.add("explanation");
    return List.copyOf(header);
  }

  static void write(CsvWriter csv, ShareRow share) throws IOException {
    List<String> row = new ArrayList<>(HEADER.size());
    row.add(Long.toString(share.epoch()));
    row.add(share.workload());
    row.add(share.orchestrator().toChecksumHex());
    row.add(Boolean.toString(share.qualifies()));
    row.add(share.amount().toString());
    row.add(share.fairFees().toString());
    row.add(share.feesCredited().toString());
    JsonNode explanation = parsed(share.explanation());
    for (String factor : FACTORS) {
      row.add(cell(explanation.path(factor)));
    }
    row.add(share.explanation());
    csv.row(row);
  }

  private static JsonNode parsed(String explanation) {
    try {
      return EXPLANATIONS.readTree(explanation);
    } catch (JsonProcessingException e) {
      // stored as jsonb, so it parses; should it not, the columns stay empty and the raw text is
      // kept
      return EXPLANATIONS.missingNode();
    }
  }

  static String cell(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (value.isNumber()) {
      return value.isIntegralNumber()
          ? value.bigIntegerValue().toString()
          : value.decimalValue().toPlainString();
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    return value.toString();
  }
}
