package dev.warden.core.logs;

import java.util.Locale;
import java.util.Set;

/**
 * Splits a line without a known format into header and message: it strips the prefixes most logs
 * start with (dates and times in the common shapes, weekday and month names, a level, a bracketed
 * thread or process, a process id, Spring Boot's {@code ---} and {@code logger :}, a logger name
 * ending in a colon, syslog's host and {@code prog[pid]:}) and keeps the level and the logger or
 * program it found. It stops at the first token that is none of these, and strips at most ten.
 */
public final class HeaderDetector {
  private static final Set<String> LEVELS =
      Set.of(
          "TRACE",
          "DEBUG",
          "INFO",
          "NOTICE",
          "WARN",
          "WARNING",
          "ERROR",
          "ERR",
          "SEVERE",
          "FATAL",
          "CRITICAL",
          "CRIT",
          "ALERT",
          "EMERG",
          "PANIC",
          "FAILURE");
  private static final Set<String> NAMES =
      Set.of(
          "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN", "JAN", "FEB", "MAR", "APR", "MAY", "JUN",
          "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

  private HeaderDetector() {}

  /** The line split into header and message. */
  public static LogLine parse(String line) {
    int n = line.length();
    int at = skipSpaces(line, 0);
    String level = "";
    String component = "";
    int timeEnd = -1;
    for (int stripped = 0; stripped < 10 && at < n; stripped++) {
      int end = tokenEnd(line, at);
      String token = line.substring(at, end);
      String bare = unbracket(token);
      if (isTimeLike(bare) || NAMES.contains(bare.toUpperCase(Locale.ROOT))) {
        timeEnd = end;
      } else if (bare.equals("-") || bare.equals("---")) {
        // a separator
      } else if (level.isEmpty() && LEVELS.contains(bare.toUpperCase(Locale.ROOT))) {
        level = bare;
      } else if (token.startsWith("[") && token.endsWith("]") && token.length() > 2) {
        // a thread or process in brackets
      } else if (isNumber(bare) && timeEnd >= 0) {
        // a process id after the timestamp
      } else if (component.isEmpty() && isProgram(token)) {
        // syslog: prog[pid]:
        component = token.substring(0, token.indexOf('['));
      } else if (component.isEmpty()
          && timeEnd >= 0
          && stripped < 4
          && isProgram(
              line.substring(skipSpaces(line, end), tokenEnd(line, skipSpaces(line, end))))) {
        // syslog: the host before prog[pid]:
      } else if (component.isEmpty()
          && !level.isEmpty()
          && token.length() > 1
          && token.endsWith(":")
          && looksLikeLogger(token.substring(0, token.length() - 1))) {
        component = token.substring(0, token.length() - 1);
      } else if (component.isEmpty()
          && !level.isEmpty()
          && looksLikeLogger(token)
          && nextIsColon(line, end)) {
        // Spring Boot: logger, then a colon on its own
        component = token;
        end = skipSpaces(line, end) + 1;
      } else {
        break;
      }
      at = skipSpaces(line, end);
    }
    String time = timeEnd > 0 ? line.substring(skipSpaces(line, 0), timeEnd) : "";
    return new LogLine(line.substring(Math.min(at, n)), level, component, time);
  }

  private static int tokenEnd(String line, int at) {
    int end = at;
    while (end < line.length() && !isSpace(line.charAt(end))) {
      end++;
    }
    return end;
  }

  /** {@code sshd[24200]:}, a program and its process id, as syslog writes them. */
  private static boolean isProgram(String token) {
    int open = token.indexOf('[');
    if (open <= 0 || !token.endsWith("]:") || token.length() < open + 4) {
      return false;
    }
    for (int i = open + 1; i < token.length() - 2; i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean nextIsColon(String line, int from) {
    int at = skipSpaces(line, from);
    return at < line.length()
        && line.charAt(at) == ':'
        && (at + 1 == line.length() || isSpace(line.charAt(at + 1)));
  }

  private static String unbracket(String token) {
    int from = 0;
    int to = token.length();
    if (to > 1 && (token.charAt(0) == '[' || token.charAt(0) == '(')) {
      from = 1;
    }
    while (to > from
        && (token.charAt(to - 1) == ']'
            || token.charAt(to - 1) == ')'
            || token.charAt(to - 1) == ':'
            || token.charAt(to - 1) == ',')) {
      to--;
    }
    return token.substring(from, to);
  }

  /** Digits with date and time separators, at least two digits and one separator. */
  static boolean isTimeLike(String s) {
    int digits = 0;
    int separators = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '-' || c == '/' || c == ':' || c == '.' || c == ',' || c == '+') {
        separators++;
      } else if (!(c == 'T' || c == 'Z') || i == 0) {
        return false;
      }
    }
    return digits >= 2 && separators >= 1 && digits >= separators;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean looksLikeLogger(String s) {
    boolean dot = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.' || c == '$') {
        dot = true;
      } else if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return dot;
  }

  private static int skipSpaces(String s, int from) {
    while (from < s.length() && isSpace(s.charAt(from))) {
      from++;
    }
    return from;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
