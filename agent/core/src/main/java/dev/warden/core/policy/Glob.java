package dev.warden.core.policy;

import java.util.Objects;

/**
 * A shell-style pattern: {@code *} matches any run of characters (dots and slashes included),
 * {@code ?} one character, everything else itself. Case-sensitive, anchored at both ends.
 */
public final class Glob {
  private final String pattern;
  private final boolean literal;

  /** For patterns with stars and no {@code ?}: the literal parts between the stars. */
  private final String[] parts;

  private Glob(String pattern) {
    this.pattern = pattern;
    this.literal = pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
    this.parts = pattern.indexOf('?') < 0 ? pattern.split("\\*", -1) : null;
  }

  /** The glob of that pattern; any string is a valid pattern. */
  public static Glob of(String pattern) {
    return new Glob(Objects.requireNonNull(pattern, "pattern"));
  }

  public String pattern() {
    return pattern;
  }

  /** Whether the whole of {@code text} matches. */
  public boolean matches(String text) {
    if (literal) {
      return pattern.equals(text);
    }
    if (parts != null) {
      return matchesParts(text);
    }
    // iterative matching with backtracking to the last star: linear in practice, no regex
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        mark = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /**
   * Stars only: the text starts with the first part, ends with the last, and holds the parts
   * between in order. Taking each middle part at its leftmost place is always right, since a star
   * can absorb anything.
   */
  private boolean matchesParts(String text) {
    String first = parts[0];
    String last = parts[parts.length - 1];
    if (text.length() < first.length() + last.length()
        || !text.startsWith(first)
        || !text.endsWith(last)) {
      return false;
    }
    int from = first.length();
    int end = text.length() - last.length();
    for (int i = 1; i < parts.length - 1; i++) {
      String part = parts[i];
      if (part.isEmpty()) {
        continue;
      }
      int at = text.indexOf(part, from);
      if (at < 0 || at + part.length() > end) {
        return false;
      }
      from = at + part.length();
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Glob glob && glob.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
