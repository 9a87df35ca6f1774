package dev.warden.core.logs;

/**
 * The template a message belongs to: the constant text of its kind of message with {@code <*>}
 * where messages of that kind differ. Messages that were masked alike share a {@code Template}
 * object; templates of the same group print the same text unless the group keeps a few words as
 * constant ({@link #text()} then differs by those words). Group by {@link #text()} once the input
 * is mined: the text can still change while lines are added.
 */
public final class Template {
  private final Cluster cluster;
  private final String[] masked;
  private long count;
  private String text;
  private long textVersion = -1;

  Template(Cluster cluster, String[] masked) {
    this.cluster = cluster;
    this.masked = masked;
  }

  /** The template's text now: its tokens joined by one space. */
  public String text() {
    long version = cluster.version();
    if (text == null || textVersion != version) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < masked.length; i++) {
        if (i > 0) {
          out.append(' ');
        }
        out.append(token(i));
      }
      text = out.toString();
      textVersion = version;
    }
    return text;
  }

  /** The group it belongs to: the same for every template the miner put together. */
  public int group() {
    return cluster.id();
  }

  /** How many messages it matched. */
  public long count() {
    return count;
  }

  void seen() {
    count++;
  }

  /** How many tokens it has. */
  int length() {
    return masked.length;
  }

  /** Its token at {@code i} as {@link #text()} shows it. */
  String token(int i) {
    String general = cluster.token(i);
    return general.contains(Masker.WILDCARD) && cluster.constantLike(i) ? masked[i] : general;
  }

  Cluster cluster() {
    return cluster;
  }

  String masked(int i) {
    return masked[i];
  }

  @Override
  public String toString() {
    return text() + " (" + count + ")";
  }
}
