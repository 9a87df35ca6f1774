package dev.warden.core.logs;

import java.util.Arrays;

/**
 * One template the miner found: its tokens ({@code <*>} where lines differ), how many lines it
 * matched, and when it was last seen. Mutable, owned by its {@link TemplateMiner}; read it through
 * {@link #text()} and {@link #count()}.
 */
public final class Template {
  private final int id;
  private final String[] tokens;
  private long count;
  private long lastSeen;
  private String text;

  Template(int id, String[] tokens, long seen) {
    this.id = id;
    this.tokens = tokens;
    this.lastSeen = seen;
  }

  /** A number unique within its miner, in order of discovery. */
  public int id() {
    return id;
  }

  /** The template: its tokens joined by one space. */
  public String text() {
    String t = text;
    if (t == null) {
      t = String.join(" ", tokens);
      text = t;
    }
    return t;
  }

  /** How many lines it matched. */
  public long count() {
    return count;
  }

  int length() {
    return tokens.length;
  }

  String token(int i) {
    return tokens[i];
  }

  long lastSeen() {
    return lastSeen;
  }

  void seen(long sequence) {
    count++;
    lastSeen = sequence;
  }

  /** Generalises the template to cover {@code line} too (same length). */
  void absorb(String[] line) {
    boolean changed = false;
    for (int i = 0; i < tokens.length; i++) {
      if (!tokens[i].equals(line[i])) {
        String general = generalise(tokens[i], line[i]);
        if (!general.equals(tokens[i])) {
          tokens[i] = general;
          changed = true;
        }
      }
    }
    if (changed) {
      text = null;
    }
  }

  /**
   * The least general token covering both: the shared {@code key=} and the punctuation both have
   * around their values stay ({@code user=<*>}, {@code [<*>]}, {@code <*>,}), the rest is {@code
   * <*>}.
   */
  static String generalise(String a, String b) {
    int eq = a.indexOf('=');
    if (eq > 0 && eq < a.length() && b.startsWith(a.substring(0, eq + 1))) {
      return a.substring(0, eq + 1) + Masker.WILDCARD;
    }
    int lead = 0;
    int max = Math.min(a.length(), b.length());
    while (lead < max
        && a.charAt(lead) == b.charAt(lead)
        && !Character.isLetterOrDigit(a.charAt(lead))
        && a.charAt(lead) != '<') {
      lead++;
    }
    int trail = 0;
    while (trail < max - lead
        && a.charAt(a.length() - 1 - trail) == b.charAt(b.length() - 1 - trail)
        && !Character.isLetterOrDigit(a.charAt(a.length() - 1 - trail))
        && a.charAt(a.length() - 1 - trail) != '>') {
      trail++;
    }
    if (lead == 0 && trail == 0) {
      return Masker.WILDCARD;
    }
    return a.substring(0, lead) + Masker.WILDCARD + a.substring(a.length() - trail);
  }

  @Override
  public String toString() {
    return id + ": " + text() + " (" + count + ")";
  }

  String[] tokensCopy() {
    return Arrays.copyOf(tokens, tokens.length);
  }
}
