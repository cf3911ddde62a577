package io.naap.sla.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.naap.sla.config.SectionedText.Schema;
import io.naap.sla.config.SectionedText.Section;
import io.naap.sla.config.SectionedText.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sectioned text format: sections, settings and their lines, and every refusal's line. */
class SectionedTextTest {
  /** Sections of fruit: names are one word. */
  private static final Schema FRUIT =
      new Schema("fruit", "<name>", Pattern.compile("[a-z]+"), List.of("colour", "weightGrams"));

  /** One valid text; cases below replace or add lines. Line 1 is the first header. */
  private static final List<String> VALID =
      List.of(
          "[fruit apple]",
          "colour = red",
          "weightGrams = 180",
          "",
          "[fruit pear]",
          "colour = green");

  /** What a caller throws: its own type, with the line and the problem. */
  private static final class Refused extends ConfigTextException {
    private static final long serialVersionUID = 1L;

    Refused(String source, int line, String problem) {
      super(source, line, problem);
    }
  }

  private static SectionedText parse(String text) {
    return SectionedText.parse(text, "t.conf", FRUIT, Refused::new);
  }

  @Test
  void readsSectionsWithTheLinesOfTheirHeadersAndSettings() {
    SectionedText text = parse(String.join("\n", VALID) + "\n");

    assertThat(text.sections())
        .containsExactly(
            new Section(
                "apple",
                1,
                Map.of("colour", new Setting("red", 2), "weightGrams", new Setting("180", 3))),
            new Section("pear", 5, Map.of("colour", new Setting("green", 6))));
    assertThat(text.lineCount()).isEqualTo(6);
    assertThat(text.lastLine()).isEqualTo(6);
  }

  @Test
  void keepsTheSettingsInTheOrderOfTheirLines() {
    SectionedText text = parse("[fruit apple]\nweightGrams = 180\ncolour = red\n");

    assertThat(text.sections().get(0).settings().keySet()).containsExactly("weightGrams", "colour");
  }

  @Test
  void readsCrlfLineEndsWithTheSameLines() {
    SectionedText lf = parse(String.join("\n", VALID));
    SectionedText crlf = parse(String.join("\r\n", VALID) + "\r\n");
    SectionedText cr = parse(String.join("\r", VALID));

    assertThat(crlf).isEqualTo(lf);
    assertThat(cr).isEqualTo(lf);
    assertThat(crlf.sections().get(1).settings().get("colour")).isEqualTo(new Setting("green", 6));
    assertThatThrownBy(() -> parse("[fruit apple]\r\ncolour = red\r\ncolour = green\r\n"))
        .hasMessage("t.conf:3: duplicate key colour in fruit apple (first set on line 2)");
  }

  @Test
  void dropsALeadingByteOrderMarkOnly() {
    SectionedText text = parse("\uFEFF[fruit apple]\ncolour = red\n");

    assertThat(text.sections()).containsExactly(section("apple", 1, "colour", "red", 2));
    assertThatThrownBy(() -> parse("[fruit apple]\n\uFEFFcolour = red\n"))
        .isInstanceOf(Refused.class)
        .hasMessage("t.conf:2: bad key \"\uFEFFcolour\": expected \"key = value\"");
  }

  @Test
  void skipsCommentsAndBlankLinesAndStripsWhiteSpace() {
    SectionedText text =
        parse(
            "# fruit\n\n  \t\n  [fruit \t apple \t]  \n   # indented comment\n"
                + "  colour   =   dark red  \nweightGrams=180\n");

    assertThat(text.sections())
        .containsExactly(
            new Section(
                "apple",
                4,
                Map.of(
                    "colour", new Setting("dark red", 6), "weightGrams", new Setting("180", 7))));
  }

  @Test
  void keepsAValueAsWrittenAfterTheFirstEquals() {
    SectionedText text = parse("[fruit apple]\ncolour = red = ripe # really\n");

    assertThat(text.sections().get(0).settings().get("colour").value())
        .isEqualTo("red = ripe # really");
  }

  @Test
  void aTextWithoutSectionsHasNone() {
    assertThat(parse("").sections()).isEmpty();
    assertThat(parse("").lastLine()).isEqualTo(1);
    assertThat(parse("# only\n\n# comments\n").sections()).isEmpty();
    assertThat(parse("# only\n\n# comments\n").lastLine()).isEqualTo(3);
    assertThat(parse("[fruit apple]").sections())
        .containsExactly(new Section("apple", 1, Map.of()));
  }

  /** Each case: the line to change (1-based, or 0 to append), its text, the line, the problem. */
  @ParameterizedTest(name = "{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1 | [fruits apple]        | 1  | bad section header "[fruits apple]": expected [fruit <name>]
          1 | [Fruit apple]         | 1  | bad section header "[Fruit apple]": expected [fruit <name>]
          1 | [fruitapple]          | 1  | bad section header "[fruitapple]": expected [fruit <name>]
          1 | [fruit]               | 1  | bad section header "[fruit]": expected [fruit <name>]
          1 | [fruit ]              | 1  | bad section header "[fruit ]": expected [fruit <name>]
          1 | [fruit apple          | 1  | bad section header "[fruit apple": expected [fruit <name>]
          1 | [fruit Apple]         | 1  | bad section header "[fruit Apple]": expected [fruit <name>]
          1 | [fruit green apple]   | 1  | bad section header "[fruit green apple]": expected [fruit <name>]
          1 | [fruit apple] x       | 1  | bad section header "[fruit apple] x": expected [fruit <name>]
          5 | [fruit apple]         | 5  | fruit apple is already defined on line 1
          2 | colour red            | 2  | expected "key = value", a [fruit <name>] header or a # comment: "colour red"
          2 | colour: red           | 2  | expected "key = value", a [fruit <name>] header or a # comment: "colour: red"
          2 | dark colour = red     | 2  | bad key "dark colour": expected "key = value"
          2 | = red                 | 2  | bad key "": expected "key = value"
          2 | 2colour = red         | 2  | bad key "2colour": expected "key = value"
          2 | Colour = red          | 2  | unknown key Colour (did you mean colour?)
          2 | taste = sweet         | 2  | unknown key taste; the keys are colour, weightGrams
          3 | colour = green        | 3  | duplicate key colour in fruit apple (first set on line 2)
          0 | colour = yellow       | 7  | duplicate key colour in fruit pear (first set on line 6)
          2 | colour =              | 2  | colour has no value
          2 | 'colour =  \t '        | 2  | colour has no value
          """)
  void refusesAProblemOfTheFormatOnItsLine(int number, String line, int expected, String problem) {
    List<String> lines = new ArrayList<>(VALID);
    if (number == 0) {
      lines.add(line);
    } else {
      lines.set(number - 1, line);
    }

    assertThatThrownBy(() -> parse(String.join("\n", lines)))
        .isInstanceOfSatisfying(
            Refused.class,
            e -> {
              assertThat(e.line()).isEqualTo(expected);
              assertThat(e.problem()).isEqualTo(problem);
            })
        .hasMessage("t.conf:" + expected + ": " + problem);
  }

  @Test
  void refusesAKeyBeforeAnySection() {
    assertThatThrownBy(() -> parse("# fruit\n\ncolour = red\n[fruit apple]\n"))
        .isInstanceOf(Refused.class)
        .hasMessage("t.conf:3: key colour outside a [fruit <name>] section");
  }

  @Test
  void refusesTheFirstProblemOfSeveral() {
    assertThatThrownBy(() -> parse("[fruit apple]\ntaste = sweet\ncolour red\n[fruit apple]\n"))
        .hasMessage("t.conf:2: unknown key taste; the keys are colour, weightGrams");
  }

  @Test
  void quotesLongTextsCut() {
    String line = "x".repeat(100);

    assertThatThrownBy(() -> parse("[fruit apple]\n" + line))
        .hasMessage(
            "t.conf:2: expected \"key = value\", a [fruit <name>] header or a # comment: \""
                + "x".repeat(80)
                + "...\"");
    assertThat(SectionedText.quote("red")).isEqualTo("\"red\"");
  }

  @Test
  void aNameMayHoldSpacesWhenItsShapeAllowsThemButNotAroundIt() {
    Schema gpus = new Schema("gpu", "<name>", Pattern.compile("[^\\]]*?"), List.of("powerWatts"));

    SectionedText text =
        SectionedText.parse(
            "[gpu \t rtx 4090 \t]\npowerWatts = 450\n", "t.conf", gpus, Refused::new);

    assertThat(text.sections()).containsExactly(section("rtx 4090", 1, "powerWatts", "450", 2));
    assertThatThrownBy(() -> SectionedText.parse("[gpu  \t ]\n", "t.conf", gpus, Refused::new))
        .hasMessage("t.conf:1: bad section header \"[gpu  \t ]\": expected [gpu <name>]");
  }

  @Test
  void aSchemaIsValidated() {
    Pattern any = Pattern.compile(".+");

    assertThatThrownBy(() -> new Schema("Fruit", "<name>", any, List.of("colour")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kind must be lower-case letters: \"Fruit\"");
    assertThatThrownBy(() -> new Schema("fruit", "<name>", any, List.of()))
        .hasMessage("a schema needs at least one key");
    assertThatThrownBy(() -> new Schema("fruit", "<name>", any, List.of("colour", "colour")))
        .hasMessage("a key is listed twice: [colour, colour]");
    assertThatThrownBy(() -> new Schema("fruit", "<name>", any, List.of("dark colour")))
        .hasMessage("a key must be a word: \"dark colour\"");
    assertThat(FRUIT.header()).isEqualTo("[fruit <name>]");
  }

  private static Section section(String name, int line, String key, String value, int valueLine) {
    return new Section(name, line, Map.of(key, new Setting(value, valueLine)));
  }
}
