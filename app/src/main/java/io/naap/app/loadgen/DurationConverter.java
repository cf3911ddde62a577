package io.naap.app.loadgen;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration option: a number with a unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code
 * 1h}), several in a row ({@code 1m30s}), or ISO-8601 ({@code PT5S}).
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * @throws CommandLine.TypeConversionException when the text is not a duration
   */
  public static Duration parse(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.startsWith("p")) {
      try {
        return Duration.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    Matcher matcher = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      long amount;
      try {
        amount = Long.parseLong(matcher.group(1));
      } catch (NumberFormatException e) {
        throw invalid(value);
      }
      total =
          total.plus(
              switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
              });
      end = matcher.end();
    }
    if (end == 0 || end != text.length()) {
      throw invalid(value);
    }
    return total;
  }

  private static CommandLine.TypeConversionException invalid(String value) {
    return new CommandLine.TypeConversionException(
        "'" + value + "' is not a duration (e.g. 500ms, 5s, 2m, 1h, 1m30s)");
  }
}
