package io.naap.api.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import io.naap.storage.EthereumAddress;
import io.naap.storage.incentives.ShareRow;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayoutColumnsTest {
  private static final EthereumAddress ORCHESTRATOR =
      EthereumAddress.fromHex("0xd8da6bf26964af9d7eed9e03e53415d37aa96045");

  @Test
  void theHeaderIsTheShareThenEveryFactorThenTheExplanation() {
    assertThat(PayoutColumns.HEADER).hasSize(7 + PayoutColumns.FACTORS.size() + 1);
    assertThat(PayoutColumns.HEADER.subList(0, 7))
        .containsExactly(
            "epoch", "workload", "orchestrator", "qualifies", "amount", "fairFees", "feesCredited");
    assertThat(PayoutColumns.HEADER.getLast()).isEqualTo("explanation");
    assertThat(PayoutColumns.FACTORS).doesNotContain("qualifies").doesNotHaveDuplicates();
  }

  @Test
  void writesFactorsAsStoredWithNumbersInPlainDecimals() throws IOException {
    String explanation =
        "{\"scoreBps\": 9120, \"minutesShare\": 0.000001, \"volume\": 1.0E-7, \"weight\": 12345678901234567890.5,"
            + " \"gpu\": \"rtx 4090\", \"capped\": true, \"remainder\": 1, \"reason\": \"cut, \\\"hard\\\"\","
            + " \"slaFactor\": null, \"costFactor\": {\"exponent\": 0.5}}";

    List<String> row = written(share(explanation));

    assertThat(row.subList(0, 7))
        .containsExactly(
            "7",
            "streamdiffusion-sdxl",
            "0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045",
            "true",
            "1000000000000000000000",
            "2",
            "3");
    assertThat(factor(row, "scoreBps")).isEqualTo("9120");
    assertThat(factor(row, "minutesShare")).isEqualTo("0.000001");
    assertThat(factor(row, "volume")).isEqualTo("0.0000001");
    assertThat(factor(row, "weight")).isEqualTo("12345678901234567890.5");
    assertThat(factor(row, "gpu")).isEqualTo("rtx 4090");
    assertThat(factor(row, "capped")).isEqualTo("true");
    assertThat(factor(row, "remainder")).isEqualTo("1");
    assertThat(factor(row, "reason")).isEqualTo("cut, \"hard\"");
    assertThat(factor(row, "slaFactor")).isEmpty(); // null
    assertThat(factor(row, "minScoreBps")).isEmpty(); // absent
    assertThat(factor(row, "costFactor")).isEqualTo("{\"exponent\":0.5}");
    assertThat(row.getLast()).isEqualTo(explanation);
  }

  @Test
  void anExplanationThatIsNoObjectLeavesTheFactorsEmpty() throws IOException {
    List<String> row = written(share("\"no factors\""));

    for (String factor : PayoutColumns.FACTORS) {
      assertThat(factor(row, factor)).as(factor).isEmpty();
    }
    assertThat(row.getLast()).isEqualTo("\"no factors\"");
  }

  private static ShareRow share(String explanation) {
    return new ShareRow(
        7,
        "streamdiffusion-sdxl",
        ORCHESTRATOR,
        new BigInteger("1000000000000000000000"),
        BigInteger.TWO,
        BigInteger.valueOf(3),
        true,
        explanation);
  }

  /** The share's data row, parsed back (the fields of this test hold no line break). */
  private static List<String> written(ShareRow share) throws IOException {
    StringWriter out = new StringWriter();
    PayoutColumns.write(new CsvWriter(out, PayoutColumns.HEADER), share);
    String[] lines = out.toString().split("\r\n");
    assertThat(lines).hasSize(2);
    return fields(lines[1]);
  }

  private static String factor(List<String> row, String name) {
    return row.get(PayoutColumns.HEADER.indexOf(name));
  }

  private static List<String> fields(String line) {
    List<String> fields = new java.util.ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
