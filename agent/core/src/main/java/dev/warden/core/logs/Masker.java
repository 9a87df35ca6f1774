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
    return split(masked(content));
  }

  /** The masked tokens of {@code content} joined by one space. */
  public static String masked(String content) {
    Buffer out = new Buffer(content.length() + 16);
    maskInto(content.toCharArray(), content.length(), out);
    return out.toString();
  }

  /**
   * Appends the masked tokens of {@code s[0, n)} to {@code out}, separated by one space: {@link
   * #mask} without a string per token, for the miner's fast path.
   */
  static void maskInto(char[] s, int n, Buffer out) {
    int i = 0;
    int base = out.length;
    int previous = -1;
    int previousStart = 0;
    int previousEnd = 0;
    while (i < n) {
      while (i < n && isSpace(s[i])) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      boolean digit = false;
      while (i < n && !isSpace(s[i])) {
        digit |= isDigit(s[i]);
        i++;
      }
      int unit = previous >= 0 ? unitLength(s, start, i) : 0;
      if (unit > 0 && out.isWildcardFrom(previous) && isNumber(s, previousStart, previousEnd)) {
        out.append(s, start + unit, i);
        previous = -1;
        continue;
      }
      if (out.length > base) {
        out.append(' ');
      }
      previous = out.length;
      previousStart = start;
      previousEnd = i;
      if (digit) {
        maskRange(s, start, i, out);
      } else {
        out.append(s, start, i);
      }
    }
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

  /** Space, tab, line ends and the other control characters separate tokens. */
  private static boolean isSpace(char c) {
    return c <= ' ';
  }

  /** One token with its variable parts replaced. */
  public static String maskToken(String token) {
    Buffer out = new Buffer(token.length() + 8);
    char[] chars = token.toCharArray();
    maskRange(chars, 0, chars.length, out);
    return out.toString();
  }

  /** Appends {@code s[from, to)}, one token, with its variable parts replaced. */
  private static void maskRange(char[] s, int from, int to, Buffer out) {
    if (!hasDigit(s, from, to)) {
      out.append(s, from, to);
      return;
    }
    int start = from;
    while (start < to && OPENERS.indexOf(s[start]) >= 0) {
      start++;
    }
    int end = to;
    while (end > start && CLOSERS.indexOf(s[end - 1]) >= 0) {
      end--;
    }
    if (start == end) {
      out.append(s, from, to);
      return;
    }
    out.append(s, from, start);
    maskCore(s, start, end, out);
    out.append(s, end, to);
  }

  private static void maskCore(char[] s, int from, int to, Buffer out) {
    if (!hasDigit(s, from, to)) {
      out.append(s, from, to);
      return;
    }
    // key=value, key:value, word.number: the key stays, the value is masked on its own
    int sep = keySeparator(s, from, to);
    if (sep >= 0) {
      out.append(s, from, sep + 1);
      maskRange(s, sep + 1, to, out);
      return;
    }
    if (variable(s, from, to)) {
      out.append(WILDCARD);
    } else {
      out.append(s, from, to);
    }
  }

  /**
   * The index of the separator after a key: a word of letters (and {@code _ - .} inside, no digit)
   * followed by {@code =}, {@code :} (not {@code ://}) or, before a plain number, {@code .}; -1
   * when there is none.
   */
  private static int keySeparator(char[] s, int from, int to) {
    int i = from;
    if (i >= to || !Character.isLetter(s[i])) {
      return -1;
    }
    while (i < to) {
      char c = s[i];
      if (c == '=' || c == ':') {
        boolean url = c == ':' && i + 2 < to && s[i + 1] == '/' && s[i + 2] == '/';
        return i + 1 < to && !url ? i : -1;
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
  private static boolean variable(char[] s, int from, int to) {
    if (!Character.isLetter(s[from])) {
      return true;
    }
    int digits = 0;
    for (int i = from; i < to; i++) {
      char c = s[i];
      if (isDigit(c)) {
        digits++;
        if (!Character.isLetterOrDigit(s[i - 1])) {
          return true;
        }
      } else if (c == '/' || c == ':' || c == '@' || c == '#') {
        return true;
      }
    }
    return digits > 2;
  }

  /** A decimal number, possibly signed, with a fraction. */
  private static boolean isNumber(char[] s, int from, int to) {
    int i = from;
    if (i < to && (s[i] == '-' || s[i] == '+')) {
      i++;
    }
    if (i >= to) {
      return false;
    }
    boolean digit = false;
    for (; i < to; i++) {
      char c = s[i];
      if (isDigit(c)) {
        digit = true;
      } else if (c != '.' && c != ',') {
        return false;
      }
    }
    return digit;
  }

  /** The length of a size unit that is the token {@code s[from, to)} ({@code KB,}: 2), or 0. */
  private static int unitLength(char[] s, int from, int to) {
    int end = to;
    while (end > from && CLOSERS.indexOf(s[end - 1]) >= 0) {
      end--;
    }
    if (end - from < 1 || end - from > 3) {
      return 0;
    }
    return switch (new String(s, from, end - from)) {
      case "B", "KB", "kB", "MB", "GB", "TB", "KiB", "MiB", "GiB", "TiB" -> end - from;
      default -> 0;
    };
  }

  private static boolean hasDigit(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (isDigit(s[i])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * A growable character buffer the masked message is written into; compares with, and hashes like,
   * the {@code String} of its content, so a message seen before is found without one.
   */
  static final class Buffer {
    char[] chars;
    int length;

    Buffer(int capacity) {
      chars = new char[Math.max(16, capacity)];
    }

    void clear() {
      length = 0;
    }

    void append(char c) {
      ensure(1);
      chars[length++] = c;
    }

    void append(char[] s, int from, int to) {
      int n = to - from;
      ensure(n);
      System.arraycopy(s, from, chars, length, n);
      length += n;
    }

    void append(String s) {
      ensure(s.length());
      s.getChars(0, s.length(), chars, length);
      length += s.length();
    }

    boolean isWildcardFrom(int from) {
      return from >= 0
          && length - from == 3
          && chars[from] == '<'
          && chars[from + 1] == '*'
          && chars[from + 2] == '>';
    }

    private void ensure(int more) {
      if (length + more > chars.length) {
        chars = java.util.Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
      }
    }

    @Override
    public String toString() {
      return new String(chars, 0, length);
    }
  }
}
