package io.naap.sla.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config text of sections, read: {@code [kind name]} headers of one kind, each followed by {@code
 * key = value} lines, in the order the text has them. Lines are stripped of surrounding white
 * space; blank lines and lines starting with {@code #} are skipped; a leading byte-order mark is
 * dropped; any line ending ({@code \n}, {@code \r\n}, {@code \r}) ends a line. A value is the text
 * after the first {@code =}, stripped, kept as written ({@code #} included): what it means is the
 * caller's.
 *
 * <p>Refused, with the line it is on, the first problem of the format: a header of another shape or
 * kind or whose name is not of the {@link Schema}'s shape, a line that is neither a header, a
 * {@code key = value} nor a comment, a key that is not a word, a key before any section, a key the
 * schema does not list (with a suggestion when only the case differs), a key twice in a section, an
 * empty value, a section name twice. What the values mean, which keys a section must have and what
 * a name must be beyond its shape are the caller's rules, checked on the sections this returns: so
 * a problem of the format is reported before any problem of a value, wherever each is in the text.
 *
 * @param sections the sections, in the order of the text
 * @param lineCount the number of lines of the text
 */
public record SectionedText(List<Section> sections, int lineCount) {
  private static final Pattern KIND = Pattern.compile("[a-z]+");
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  private static final int QUOTED_LENGTH = 80;

  public SectionedText {
    sections = List.copyOf(sections);
    if (lineCount < 0) {
      throw new IllegalArgumentException("lineCount must be >= 0: " + lineCount);
    }
  }

  /**
   * A value and the line that set it, from 1.
   *
   * @param value the text after the {@code =}, stripped, not empty
   * @param line the line it is on, from 1
   */
  public record Setting(String value, int line) {
    public Setting {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A section: its name, the line of its header, what it set.
   *
   * @param name what its header names, e.g. {@code rtx 4090} in {@code [gpu rtx 4090]}
   * @param line the line of its header, from 1
   * @param settings by key, in the order of their lines; unmodifiable
   */
  public record Section(String name, int line, Map<String, Setting> settings) {
    public Section {
      Objects.requireNonNull(name, "name");
      settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
  }

  /**
   * What the sections of a text look like.
   *
   * @param kind the word that opens every header, e.g. {@code gpu}: lower-case letters
   * @param placeholder what the messages call a section name, e.g. {@code <name>}
   * @param name the shape of a section name, a regular expression; the spaces and tabs around a
   *     name are not part of it, and an empty name is always refused
   * @param keys the keys a section may set, in the order the messages list them
   */
  public record Schema(String kind, String placeholder, Pattern name, List<String> keys) {
    public Schema {
      if (!KIND.matcher(Objects.requireNonNull(kind, "kind")).matches()) {
        throw new IllegalArgumentException("kind must be lower-case letters: " + quote(kind));
      }
      Objects.requireNonNull(placeholder, "placeholder");
      Objects.requireNonNull(name, "name");
      keys = List.copyOf(keys);
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("a schema needs at least one key");
      }
      if (new HashSet<>(keys).size() != keys.size()) {
        throw new IllegalArgumentException("a key is listed twice: " + keys);
      }
      for (String key : keys) {
        if (!KEY.matcher(key).matches()) {
          throw new IllegalArgumentException("a key must be a word: " + quote(key));
        }
      }
    }

    /** The header as the messages show it, e.g. {@code [gpu <name>]}. */
    public String header() {
      return "[" + kind + " " + placeholder + "]";
    }

    private Pattern headerPattern() {
      return Pattern.compile(
          "\\[" + Pattern.quote(kind) + "[ \\t]+(?<name>" + name.pattern() + ")[ \\t]*]");
    }
  }

  /**
   * How a caller refuses a text: the exception, of the caller's own type, for a problem on a line;
   * typically the constructor of a {@link ConfigTextException}.
   */
  @FunctionalInterface
  public interface Refusal {
    /**
     * The exception to throw.
     *
     * @param source the name the text was read under
     * @param line the line of the problem, from 1
     * @param problem what is wrong, without source or line
     */
    RuntimeException at(String source, int line, String problem);
  }

  /**
   * The sections of a text.
   *
   * @param text the text
   * @param source where it came from (a file name), for the messages
   * @param schema the header kind, name shape and keys of its sections
   * @param refusal makes the exception thrown for the first problem of the format
   * @throws RuntimeException the one {@code refusal} makes, for the first problem of the format
   */
  public static SectionedText parse(String text, String source, Schema schema, Refusal refusal) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(refusal, "refusal");
    String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Pattern header = schema.headerPattern();
    List<Section> sections = new ArrayList<>();
    Map<String, Integer> headerLines = new HashMap<>();
    String name = null;
    int headerLine = 0;
    Map<String, Setting> settings = new LinkedHashMap<>();
    int number = 0;
    for (String raw : content.lines().toList()) {
      number++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (name != null) {
          sections.add(new Section(name, headerLine, settings));
        }
        Matcher matcher = header.matcher(line);
        if (!matcher.matches() || matcher.group("name").isEmpty()) {
          throw refusal.at(
              source,
              number,
              "bad section header " + quote(line) + ": expected " + schema.header());
        }
        name = matcher.group("name");
        Integer first = headerLines.putIfAbsent(name, number);
        if (first != null) {
          throw refusal.at(
              source, number, schema.kind() + " " + name + " is already defined on line " + first);
        }
        headerLine = number;
        settings = new LinkedHashMap<>();
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw refusal.at(
            source,
            number,
            "expected \"key = value\", a "
                + schema.header()
                + " header or a # comment: "
                + quote(line));
      }
      String key = line.substring(0, equals).strip();
      String value = line.substring(equals + 1).strip();
      if (!KEY.matcher(key).matches()) {
        throw refusal.at(source, number, "bad key " + quote(key) + ": expected \"key = value\"");
      }
      if (name == null) {
        throw refusal.at(
            source, number, "key " + key + " outside a " + schema.header() + " section");
      }
      if (!schema.keys().contains(key)) {
        throw refusal.at(source, number, unknownKey(key, schema.keys()));
      }
      Setting first = settings.get(key);
      if (first != null) {
        throw refusal.at(
            source,
            number,
            "duplicate key "
                + key
                + " in "
                + schema.kind()
                + " "
                + name
                + " (first set on line "
                + first.line()
                + ")");
      }
      if (value.isEmpty()) {
        throw refusal.at(source, number, key + " has no value");
      }
      settings.put(key, new Setting(value, number));
    }
    if (name != null) {
      sections.add(new Section(name, headerLine, settings));
    }
    return new SectionedText(sections, number);
  }

  /**
   * The line to name for a problem of the whole text, such as a section it lacks: its last line, 1
   * for an empty text.
   */
  public int lastLine() {
    return Math.max(1, lineCount);
  }

  /** A text as the messages quote it: in double quotes, cut after 80 characters. */
  public static String quote(String text) {
    String shown = text.length() > QUOTED_LENGTH ? text.substring(0, QUOTED_LENGTH) + "..." : text;
    return "\"" + shown + "\"";
  }

  private static String unknownKey(String key, List<String> keys) {
    String folded = key.toLowerCase(Locale.ROOT);
    for (String known : keys) {
      if (known.toLowerCase(Locale.ROOT).equals(folded)) {
        return "unknown key " + key + " (did you mean " + known + "?)";
      }
    }
    return "unknown key " + key + "; the keys are " + String.join(", ", keys);
  }
}
