package io.naap.api.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
  @Test
  void writesTheHeaderThenRowsEndingWithCrlf() throws IOException {
    StringWriter out = new StringWriter();
    CsvWriter csv = new CsvWriter(out, List.of("epoch", "amount"));
    csv.row(List.of("7", "1000000000000000000000"));
    csv.row(List.of("8", ""));

    assertThat(out).hasToString("epoch,amount\r\n7,1000000000000000000000\r\n8,\r\n");
  }

  @Test
  void quotesAFieldHoldingACommaAQuoteOrALineBreakAndDoublesItsQuotes() {
    assertThat(CsvWriter.field("plain text; 25% (capped)")).isEqualTo("plain text; 25% (capped)");
    assertThat(CsvWriter.field("a, b")).isEqualTo("\"a, b\"");
    assertThat(CsvWriter.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvWriter.field("\"")).isEqualTo("\"\"\"\"");
    assertThat(CsvWriter.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvWriter.field("cr\r")).isEqualTo("\"cr\r\"");
    assertThat(CsvWriter.field("{\"gpu\": \"rtx 4090\", \"capped\": true}"))
        .isEqualTo("\"{\"\"gpu\"\": \"\"rtx 4090\"\", \"\"capped\"\": true}\"");
    assertThat(CsvWriter.field("")).isEmpty();
  }

  @Test
  void refusesARowOfAnotherWidthThanTheHeader() throws IOException {
    CsvWriter csv = new CsvWriter(new StringWriter(), List.of("a", "b"));

    assertThatThrownBy(() -> csv.row(List.of("1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 fields under a header of 2");
  }
}
