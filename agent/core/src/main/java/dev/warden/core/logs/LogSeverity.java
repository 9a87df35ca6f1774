package dev.warden.core.logs;

import java.util.Locale;

/**
 * The four severities a log summary distinguishes, most severe first. Levels as logs write them are
 * normalised: {@code FATAL}, {@code CRITICAL}, {@code CRIT}, {@code ALERT}, {@code EMERG}, {@code
 * PANIC}, {@code SEVERE}, {@code F} are fatal; {@code ERROR}, {@code ERR}, {@code FAILURE}, {@code
 * E} are errors; {@code WARN}, {@code WARNING}, {@code W} are warnings; any other level is info. A
 * line without a level is an error when its message names an exception or error class ({@code
 * java.io.IOException}, {@code OutOfMemoryError}) or has the word {@code error}, {@code failed} or
 * {@code exception} (any case), else info.
 */
public enum LogSeverity {
  FATAL,
  ERROR,
  WARNING,
  INFO;

  /** The name in summaries: {@code fatal}, {@code error}, {@code warning}, {@code info}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Fatal or error: what a responder looks at first. */
  public boolean isError() {
    return this == FATAL || this == ERROR;
  }

  /**
   * The severity of a line.
   *
   * @param level the level as written, or empty
   * @param content the message, looked at only when there is no level
   */
  public static LogSeverity of(String level, String content) {
    String bare = letters(level);
    if (bare.isEmpty()) {
      return mentionsFailure(content) ? ERROR : INFO;
    }
    return switch (bare) {
      case "FATAL", "CRITICAL", "CRIT", "ALERT", "EMERG", "EMERGENCY", "PANIC", "SEVERE", "F" ->
          FATAL;
      case "ERROR", "ERR", "FAILURE", "E" -> ERROR;
      case "WARN", "WARNING", "W" -> WARNING;
      default -> INFO;
    };
  }

  /** The letters of a level, upper-cased: {@code [warn]} is {@code WARN}. */
  private static String letters(String level) {
    int n = level.length();
    int from = 0;
    while (from < n && !Character.isLetter(level.charAt(from))) {
      from++;
    }
    int to = n;
    while (to > from && !Character.isLetter(level.charAt(to - 1))) {
      to--;
    }
    return level.substring(from, to).toUpperCase(Locale.ROOT);
  }

  /**
   * Whether a message names an exception or error class or has the word error, failed or exception.
   * Words are runs of letters and digits; a class name is a word of at least one more letter ending
   * in {@code Exception} or {@code Error} and starting with a capital.
   */
  static boolean mentionsFailure(String content) {
    int n = content.length();
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(content.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && Character.isLetterOrDigit(content.charAt(i))) {
        i++;
      }
      int length = i - start;
      if (length == 5 || length == 6 || length == 9) {
        if (content.regionMatches(true, start, "error", 0, length)
            || content.regionMatches(true, start, "failed", 0, length)
            || content.regionMatches(true, start, "exception", 0, length)) {
          return true;
        }
      }
      if (length > 5 && Character.isUpperCase(content.charAt(start))) {
        if (endsWith(content, start, i, "Exception") || endsWith(content, start, i, "Error")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the word {@code [start, end)} is longer than {@code suffix} and ends with it. */
  private static boolean endsWith(String s, int start, int end, String suffix) {
    int from = end - suffix.length();
    return from > start && s.regionMatches(from, suffix, 0, suffix.length());
  }
}
