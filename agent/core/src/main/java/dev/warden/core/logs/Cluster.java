package dev.warden.core.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A group of messages the miner put together: its tokens ({@code <*>} where its messages differ),
 * when it was last seen, and its {@link Template}s: one per distinct masked message. Where the
 * group's messages differ only in a few words ({@code VM Resumed}, {@code VM Paused}), those words
 * are constant for a person reading the log, so the group prints one template per word rather than
 * a wildcard ({@link #constantLike}). Mutable, owned by its miner.
 */
final class Cluster {

  private final int id;
  private final String[] tokens;
  private long lastSeen;

  private final List<Template> variants = new ArrayList<>();
  private long statsVersion = -1;
  private boolean[] constantLike;
  private long version;

  private final int fewWords;

  private final String shape;
  private boolean evicted;

  Cluster(int id, String[] tokens, long seen, int fewWords, String shape) {
    this.id = id;
    this.tokens = tokens;
    this.lastSeen = seen;
    this.fewWords = fewWords;
    this.shape = shape;
  }

  /** The branch of the miner's tree it hangs on. */
  String shape() {
    return shape;
  }

  /** Dropped by the miner to stay within its bound: its messages start a new group. */
  void evict() {
    evicted = true;
  }

  boolean evicted() {
    return evicted;
  }

  /** A new template of this group, for a masked message not seen before. */
  Template variant(String[] masked) {
    Template variant = new Template(this, masked);
    variants.add(variant);
    version++;
    return variant;
  }

  /**
   * Whether position {@code i} is a wildcard that only ever stood for a few words: then each
   * template of the group shows its own word there.
   */
  boolean constantLike(int i) {
    if (statsVersion != version) {
      constantLike = computeConstantLike();
      statsVersion = version;
    }
    return constantLike[i];
  }

  private boolean[] computeConstantLike() {
    boolean[] result = new boolean[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      if (!tokens[i].contains(Masker.WILDCARD)) {
        continue;
      }
      Set<String> words = new HashSet<>();
      boolean allWords = true;
      for (Template variant : variants) {
        String token = variant.masked(i);
        if (!isWord(token)) {
          allWords = false;
          break;
        }
        words.add(token);
        if (words.size() > fewWords) {
          break;
        }
      }
      result[i] = allWords && words.size() > 1 && words.size() <= fewWords;
    }
    return result;
  }

  private static boolean isWord(String token) {
    if (token.isEmpty() || token.contains(Masker.WILDCARD)) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c >= '0' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  /** A number unique within its miner, in order of discovery. */
  int id() {
    return id;
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
    lastSeen = sequence;
  }

  /** Something about the group changed: templates recompute their text. */
  long version() {
    return version;
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
      version++;
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
    return id + ": " + String.join(" ", tokens);
  }
}
