package dev.warden.core.logs;

/**
 * Replaces the variable parts of a log message's tokens with {@code <*>}, by their shape alone:
 * numbers, hexadecimal, IP addresses (with a port), UUIDs, paths and URLs with digits, identifiers
 * made of words and numbers ({@code blk_-6952295868487656571}, {@code rdd_2_0}), the value of
 * {@code key=value} and {@code key:value}, a number with its size unit. Punctuation around a value
 * stays ({@code [<*>]}, {@code <*>:}, {@code (<*>),}), and so do words that merely contain a digit
 * ({@code ssh2}, {@code jk2_init()}, {@code IPv4}, {@code log4j}): those vary or not, which the
 * miner finds out by comparing lines. Nothing here is tuned to one system's logs.
 *
 * <p>Stateless and thread-safe; works on characters, without regular expressions, since it runs on
 * every line.
 */
public final class Masker {
  /** The variable placeholder. */
  public static final String WILDCARD = "<*>";

  private static final String OPENERS = "[(<{\"'";
  private static final String CLOSERS = "])>}\"',.;:!?";

  private Masker() {}

  /**
   * The masked tokens of {@code content}, split at runs of whitespace; a number followed by a size
   * unit ({@code 5.2 KB}) becomes one value.
   */
  public static String[] mask(String content) {
    String[] raw = split(content);
    String[] out = new String[raw.length];
    int kept = 0;
    for (int i = 0; i < raw.length; i++) {
      int unit = unitLength(raw[i]);
      if (unit > 0
          && kept > 0
          && out[kept - 1].equals(WILDCARD)
          && isNumber(raw[i - 1], 0, raw[i - 1].length())) {
        out[kept - 1] = WILDCARD + raw[i].substring(unit);
        continue;
      }
      out[kept++] = maskToken(raw[i]);
    }
    if (kept == out.length) {
      return out;
    }
    String[] shorter = new String[kept];
    System.arraycopy(out, 0, shorter, 0, kept);
    return shorter;
  }

  /** The tokens of {@code content}: what is between runs of spaces and tabs. */
  public static String[] split(String content) {
    int count = 0;
    int n = content.length();
    boolean inToken = false;
    for (int i = 0; i < n; i++) {
      boolean space = isSpace(content.charAt(i));
      if (!space && !inToken) {
        count++;
      }
      inToken = !space;
    }
    String[] tokens = new String[count];
    int t = 0;
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean space = i == n || isSpace(content.charAt(i));
      if (space) {
        if (start >= 0) {
          tokens[t++] = content.substring(start, i);
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
    }
    return tokens;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
  }

  /** One token with its variable parts replaced. */
  public static String maskToken(String token) {
    int n = token.length();
    if (!hasDigit(token, 0, n)) {
      return token;
    }
    int start = 0;
    while (start < n && OPENERS.indexOf(token.charAt(start)) >= 0) {
      start++;
    }
    int end = n;
    while (end > start && CLOSERS.indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    if (start == end) {
      return token;
    }
    String core = maskCore(token, start, end);
    if (start == 0 && end == n) {
      return core;
    }
    return token.substring(0, start) + core + token.substring(end);
  }

  private static String maskCore(String s, int from, int to) {
    if (!hasDigit(s, from, to)) {
      return s.substring(from, to);
    }
    // key=value, key:value, word.number: the key stays, the value is masked on its own
    int sep = keySeparator(s, from, to);
    if (sep > 0) {
      String value = maskToken(s.substring(sep + 1, to));
      return s.substring(from, sep + 1) + value;
    }
    return variable(s, from, to) ? WILDCARD : s.substring(from, to);
  }

  /**
   * The index of the separator after a key: a word of letters (and {@code _ - .} inside, no digit)
   * followed by {@code =}, {@code :} or, before a plain number, {@code .}; -1 when there is none.
   */
  private static int keySeparator(String s, int from, int to) {
    int i = from;
    if (i >= to || !Character.isLetter(s.charAt(i))) {
      return -1;
    }
    while (i < to) {
      char c = s.charAt(i);
      if (c == '=' || c == ':') {
        return i + 1 < to && s.charAt(i - 1) != '/' ? i : -1;
      }
      if (c == '.' && i + 1 < to && isNumber(s, i + 1, to)) {
        return i;
      }
      if (!(Character.isLetter(c) || c == '_' || c == '-' || c == '.')) {
        return -1;
      }
      i++;
    }
    return -1;
  }

  /**
   * Whether a core with a digit is a value. It is, unless it is a word with at most two digits that
   * follow letters ({@code ssh2}, {@code alt0}, {@code jk2_init()}, {@code log4j}): names with a
   * digit in them are constant more often than not.
   */
  static boolean variable(String s, int from, int to) {
    if (!Character.isLetter(s.charAt(from))) {
      return true;
    }
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
        char before = s.charAt(i - 1);
        if (!(Character.isLetterOrDigit(before))) {
          return true;
        }
      } else if (c == '/' || c == ':' || c == '@' || c == '#') {
        return true;
      }
    }
    return digits > 2;
  }

  /** A decimal number, possibly signed, with a fraction. */
  static boolean isNumber(String s, int from, int to) {
    int i = from;
    if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    if (i >= to) {
      return false;
    }
    boolean digit = false;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        digit = true;
      } else if (c != '.' && c != ',') {
        return false;
      }
    }
    return digit;
  }

  /** The length of a size unit at the start of {@code token} ({@code KB,}: 2), or 0. */
  private static int unitLength(String token) {
    int end = token.length();
    while (end > 0 && CLOSERS.indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    return switch (token.substring(0, end)) {
      case "B", "KB", "kB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB" -> end;
      default -> 0;
    };
  }

  private static boolean hasDigit(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
