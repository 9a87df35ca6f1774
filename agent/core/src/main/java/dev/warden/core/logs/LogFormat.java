package dev.warden.core.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A line header layout in the Loghub syntax: {@code <Date> <Time> <Level> <Component>: <Content>}.
 * Each {@code <Name>} is a field; the text between fields is a regular expression as written
 * ({@code \[} is a bracket), except that a run of spaces matches any run of whitespace. A line
 * matches when the whole of it (stripped) does; {@code Content} is what the miner sees.
 */
public final class LogFormat {
  private static final Pattern FIELD = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)>");
  private static final List<String> TIME_FIELDS =
      List.of("Month", "Date", "Day", "Time", "Datetime");

  private final String text;
  private final Pattern pattern;
  private final List<String> fields;

  private final List<String> timeFields;

  private LogFormat(String text, Pattern pattern, List<String> fields) {
    this.text = text;
    this.pattern = pattern;
    this.fields = List.copyOf(fields);
    List<String> times = fields.stream().filter(TIME_FIELDS::contains).toList();
    this.timeFields =
        times.isEmpty() && fields.contains("Timestamp") ? List.of("Timestamp") : times;
  }

  /**
   * Compiles a format.
   *
   * @throws IllegalArgumentException when it has no {@code <Content>} field, or is not a valid
   *     pattern
   */
  public static LogFormat compile(String format) {
    List<String> fields = new ArrayList<>();
    StringBuilder regex = new StringBuilder("^");
    Matcher m = FIELD.matcher(format);
    int at = 0;
    while (m.find()) {
      regex.append(literal(format.substring(at, m.start())));
      String name = m.group(1);
      if (fields.contains(name)) {
        throw new IllegalArgumentException("log format: field <" + name + "> appears twice");
      }
      fields.add(name);
      regex.append("(?<").append(name).append(">.*?)");
      at = m.end();
    }
    regex.append(literal(format.substring(at))).append('$');
    if (!fields.contains("Content")) {
      throw new IllegalArgumentException(
          "log format: no <Content> field, so nothing would be mined: " + format);
    }
    try {
      return new LogFormat(format, Pattern.compile(regex.toString(), Pattern.DOTALL), fields);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("log format: " + e.getDescription() + ": " + format, e);
    }
  }

  private static String literal(String between) {
    return between.replaceAll(" +", "\\\\s+");
  }

  /** The fields of {@code line}, or empty when it does not have this layout. */
  public Optional<LogLine> parse(String line) {
    Matcher m = pattern.matcher(line.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new LogLine(field(m, "Content"), field(m, "Level"), field(m, "Component"), time(m)));
  }

  /**
   * A field by name (groups are named, so the format's own groups, such as an optional {@code
   * (\[<PID>\])?}, shift nothing); empty when absent or not matched.
   */
  private String field(Matcher m, String name) {
    if (!fields.contains(name)) {
      return "";
    }
    String value = m.group(name);
    return value == null ? "" : value;
  }

  /**
   * The line's time as written: its {@code Month}, {@code Date}, {@code Day}, {@code Time} and
   * {@code Datetime} fields in the format's order, joined by a space; else its {@code Timestamp}.
   */
  private String time(Matcher m) {
    StringBuilder time = new StringBuilder();
    for (String name : timeFields) {
      String value = field(m, name).strip();
      if (!value.isEmpty()) {
        if (time.length() > 0) {
          time.append(' ');
        }
        time.append(value);
      }
    }
    return time.toString();
  }

  /** The field names, in order. */
  public List<String> fields() {
    return fields;
  }

  @Override
  public String toString() {
    return text;
  }
}
