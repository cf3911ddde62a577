package io.naap.storage.telemetry;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * JSON texts at the edges of what PostgreSQL's {@code jsonb} accepts, each with whether the server
 * accepts it and whether {@link JsonObjectSyntax} lets a row carry it. {@code JsonObjectSyntaxTest}
 * checks the second against the code, {@code JsonObjectSyntaxIT} the first against the server: the
 * code never accepts what the server refuses.
 */
final class JsonEdgeCases {
  /**
   * @param name what the case is about
   * @param json the text
   * @param jsonb whether {@code jsonb} accepts it
   * @param row whether a row may carry it as its payload
   */
  record Case(String name, String json, boolean jsonb, boolean row) {
    @Override
    public String toString() {
      return name;
    }
  }

  private JsonEdgeCases() {}

  static Stream<Arguments> all() {
    return cases().stream().map(Arguments::of);
  }

  static List<Case> cases() {
    return List.of(
        both("empty object", "{}", true),
        both("whitespace around", " \t\r\n{\"a\" : 1}\n ", true),
        both("every kind of value", "{\"a\":[1,-2.5,{\"b\":null}],\"c\":true,\"d\":false}", true),
        both("negative zero", "{\"a\":-0}", true),
        both("exponent with sign", "{\"a\":1E+2,\"b\":1.5e-3}", true),
        both("leading zero", "{\"a\":01}", false),
        both("no digit after the point", "{\"a\":1.}", false),
        both("no digit before the point", "{\"a\":.5}", false),
        both("plus sign", "{\"a\":+1}", false),
        both("empty exponent", "{\"a\":1e}", false),
        both("lone minus", "{\"a\":-}", false),
        both("escaped NUL", "{\"a\":\"\\u0000\"}", false),
        both("escaped NUL in a name", "{\"\\u0000\":1}", false),
        both("escaped surrogate pair", "{\"a\":\"\\ud83d\\ude00\"}", true),
        both("escaped lone high surrogate", "{\"a\":\"\\ud800\"}", false),
        both("escaped lone low surrogate", "{\"a\":\"\\udc00\"}", false),
        both("escaped high surrogate then a letter", "{\"a\":\"\\ud800x\"}", false),
        both("escaped high surrogate then an escaped letter", "{\"a\":\"\\ud800\\u0041\"}", false),
        both("every simple escape", "{\"a\":\"\\t\\n\\\\\\\"\\/\\b\\f\\r\"}", true),
        both("escaped letters of both cases", "{\"a\":\"\\u00e9\\u00E9\"}", true),
        both("unknown escape", "{\"a\":\"\\x\"}", false),
        both("short unicode escape", "{\"a\":\"\\u12\"}", false),
        both("raw tab in a string", "{\"a\":\"tab\there\"}", false),
        both("raw newline in a string", "{\"a\":\"line\nbreak\"}", false),
        both("raw unicode and control-free text", "{\"a\":\"é ✓ \uD83D\uDE00 \u007f\"}", true),
        both("form feed as whitespace", "\f{}", false),
        both("no-break space as whitespace", "{}\u00a0", false),
        both("trailing comma in an object", "{\"a\":1,}", false),
        both("trailing comma in an array", "{\"a\":[1,]}", false),
        both("missing colon", "{\"a\" 1}", false),
        both("single quotes", "{'a':1}", false),
        both("unterminated string", "{\"a\":\"x}", false),
        both("unterminated object", "{\"a\":1", false),
        both("truncated literal", "{\"a\":tru}", false),
        both("two documents", "{}{}", false),
        both("most integer digits", "{\"a\":" + "9".repeat(131_072) + "}", true),
        both("too many integer digits", "{\"a\":" + "9".repeat(131_073) + "}", false),
        both("most integer digits by exponent", "{\"a\":1e131071}", true),
        both("too many integer digits by exponent", "{\"a\":1e131072}", false),
        both("leading zeros do not count", "{\"a\":0.1e131072}", true),
        both("too many after leading zeros", "{\"a\":0.1e131073}", false),
        both("most fraction digits", "{\"a\":0." + "0".repeat(16_382) + "1}", true),
        both("too many fraction digits", "{\"a\":0." + "0".repeat(16_383) + "1}", false),
        both("most fraction digits by exponent", "{\"a\":1e-16383}", true),
        both("too many fraction digits by exponent", "{\"a\":1e-16384}", false),
        both("trailing fraction zeros count", "{\"a\":1.00e-16382}", false),
        both("zero with a large exponent", "{\"a\":0e5000}", true),
        both("zero with a small exponent", "{\"a\":0e-16383}", true),
        both("zero with too small an exponent", "{\"a\":0e-16384}", false),
        both("exponent of 2^30 - 1", "{\"a\":0e1073741823}", true),
        both("exponent of 2^30", "{\"a\":0e1073741824}", false),
        both("exponent of -(2^30 - 1)", "{\"a\":0.0e-1073741823}", false),
        both("huge exponent", "{\"a\":1e99999999999999999999}", false),
        new Case("an array", "[]", true, false),
        new Case("a string", "\"s\"", true, false),
        new Case("256 levels", nested(255), true, true),
        new Case("257 levels", nested(256), true, false),
        new Case("100000 levels", nested(100_000), false, false));
  }

  private static Case both(String name, String json, boolean accepted) {
    return new Case(name, json, accepted, accepted);
  }

  /** An object holding {@code arrays} nested arrays: {@code arrays + 1} levels. */
  private static String nested(int arrays) {
    return "{\"a\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
  }
}
