package dev.warden.core.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timestamp of a line that has a {@link LogFormat}'s layout, for summaries: the values of its
 * date and time fields ({@code Month}, {@code Date}, {@code Day}, {@code Time}, {@code Datetime},
 * else {@code Timestamp}) in the format's order, joined by a space ({@code Jun 14 15:16:01}).
 *
 * <p>{@link LogFormat#parse} does not give the time of a line yet, so this compiles the format the
 * same way a second time. Only used when the format has such a field.
 */
final class LogSummaryTime {
  private static final Pattern FIELD = Pattern.compile("<([A-Za-z][A-Za-z0-9_]*)>");
  private static final Set<String> TIME_FIELDS = Set.of("MONTH", "DATE", "DAY", "TIME", "DATETIME");

  private final Pattern pattern;
  private final String[] groups;

  private LogSummaryTime(Pattern pattern, String[] groups) {
    this.pattern = pattern;
    this.groups = groups;
  }

  /** The time reader of {@code format}, or empty when it has no date or time field. */
  static Optional<LogSummaryTime> of(LogFormat format) {
    List<String> fields = format.fields();
    List<Integer> wanted = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      if (TIME_FIELDS.contains(fields.get(i).toUpperCase(Locale.ROOT))) {
        wanted.add(i + 1);
      }
    }
    if (wanted.isEmpty()) {
      int timestamp = indexOfIgnoringCase(fields, "Timestamp");
      if (timestamp < 0) {
        return Optional.empty();
      }
      wanted.add(timestamp + 1);
    }
    // named groups, so that groups in the literal text, (\\[<PID>\\])?, do not shift them
    StringBuilder regex = new StringBuilder("^");
    String text = format.toString();
    Matcher m = FIELD.matcher(text);
    int at = 0;
    int field = 0;
    while (m.find()) {
      regex.append(text.substring(at, m.start()).replaceAll(" +", "\\\\s+"));
      regex.append("(?<f").append(++field).append(">.*?)");
      at = m.end();
    }
    regex.append(text.substring(at).replaceAll(" +", "\\\\s+")).append('$');
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(
        new LogSummaryTime(pattern, wanted.stream().map(i -> "f" + i).toArray(String[]::new)));
  }

  private static int indexOfIgnoringCase(List<String> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The time of {@code line}, or empty when it does not have the layout. */
  String time(String line) {
    Matcher m = pattern.matcher(line.strip());
    if (!m.matches()) {
      return "";
    }
    StringBuilder time = new StringBuilder();
    for (String group : groups) {
      String value = m.group(group);
      value = value == null ? "" : value.strip();
      if (!value.isEmpty()) {
        if (time.length() > 0) {
          time.append(' ');
        }
        time.append(value);
      }
    }
    return time.toString();
  }
}
