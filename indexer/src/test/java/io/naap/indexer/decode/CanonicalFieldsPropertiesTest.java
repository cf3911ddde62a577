package io.naap.indexer.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SequencedMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;

/** The fields' JSON is written directly, exactly as Jackson writes the same map. */
class CanonicalFieldsPropertiesTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Property
  void anyStringsAndNumbersAreWrittenAsJacksonWritesThem(
      @ForAll String key, @ForAll String text, @ForAll long number, @ForAll List<String> texts)
      throws Exception {
    SequencedMap<String, Object> fields =
        CanonicalFields.of(key + "k", text, "number", number, "texts", texts);

    assertThat(CanonicalFields.json(fields)).isEqualTo(JACKSON.writeValueAsString(fields));
  }

  @Property
  void controlCharactersQuotesAndBackslashesAreEscapedAsJacksonEscapesThem(
      @ForAll @CharRange(from = 0, to = 0x7f) String text) throws Exception {
    SequencedMap<String, Object> fields = CanonicalFields.of("serviceURI", text);

    assertThat(CanonicalFields.json(fields)).isEqualTo(JACKSON.writeValueAsString(fields));
  }
}
