package dev.warden.core.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Groups log messages into templates online, one pass, in bounded memory.
 *
 * <p>A message is masked ({@link Masker}) and looked up whole: a masked message seen before costs
 * one hash lookup, without allocating. A new one is compared with the groups of the same length and
 * the same first token, as in Drain's fixed-depth tree (He et al., ICWS 2017): the share of
 * positions where the group's template and the message have the same token, wildcards not counted;
 * the most similar group takes it when that share reaches {@link Settings#similarity()},
 * generalising the tokens that differ; otherwise it starts a group of its own. Where a group's
 * messages differ only in a few words, each word keeps its own template ({@link
 * Settings#fewWords()}).
 *
 * <p>At most {@link Settings#maxTemplates()} groups are kept: past that, the least recently seen
 * tenth is dropped ({@link #evicted()} counts them), and a message of their kind starts a new one.
 *
 * <p>Not thread-safe: one miner per stream. To parallelise, give each source (pod, file) its own
 * miner and merge the templates' texts and counts afterwards.
 */
public final class TemplateMiner {
  private final Settings settings;
  private final Map<Key, Template> byMasked = new HashMap<>();
  private final Map<String, List<Cluster>> byShape = new HashMap<>();
  private final List<Cluster> clusters = new ArrayList<>();
  private final Masker.Buffer masked = new Masker.Buffer(512);
  private final Key probe = new Key();
  private char[] scratch = new char[512];
  private long sequence;
  private int nextId;
  private long evicted;

  public TemplateMiner() {
    this(Settings.DEFAULT);
  }

  public TemplateMiner(Settings settings) {
    this.settings = settings;
  }

  /**
   * @param similarity the share of equal tokens for a message to join a group, in (0, 1]
   * @param maxTemplates how many groups are kept before the least recently seen are dropped
   * @param maxRemembered how many distinct masked messages are remembered for the fast path
   * @param fewWords a wildcard that only ever stood for this many distinct words (or fewer) prints
   *     the word instead: {@code VM Paused} and {@code VM Resumed} are two templates, not {@code VM
   *     <*>}
   * @param masks more values to mask before the built-in shapes, each match replaced by {@code
   *     <*>}: for a system whose variables have a shape of their own
   */
  public record Settings(
      double similarity, int maxTemplates, int maxRemembered, int fewWords, List<Pattern> masks) {
    public static final Settings DEFAULT = new Settings(0.5, 10_000, 200_000, 3, List.of());

    public Settings {
      if (!(similarity > 0 && similarity <= 1)) {
        throw new IllegalArgumentException("similarity is in (0, 1], not " + similarity);
      }
      if (maxTemplates < 1 || maxRemembered < 1 || fewWords < 1) {
        throw new IllegalArgumentException("the bounds of the miner are positive");
      }
      masks = List.copyOf(masks);
    }

    /** These settings with {@code masks} applied before the built-in shapes. */
    public Settings withMasks(List<Pattern> masks) {
      return new Settings(similarity, maxTemplates, maxRemembered, fewWords, masks);
    }
  }

  /** The template of {@code content}, created or generalised as needed. */
  public Template add(String content) {
    sequence++;
    String message = content;
    for (Pattern mask : settings.masks()) {
      message = mask.matcher(message).replaceAll(Masker.WILDCARD);
    }
    int n = message.length();
    if (n > scratch.length) {
      scratch = new char[Math.max(n, scratch.length * 2)];
    }
    message.getChars(0, n, scratch, 0);
    masked.clear();
    Masker.maskInto(scratch, n, masked);
    Template known = byMasked.get(probe.over(masked.chars, masked.length));
    if (known == null || known.cluster().evicted()) {
      String text = masked.toString();
      String[] tokens = Masker.split(text);
      known = match(tokens).variant(tokens);
      if (byMasked.size() >= settings.maxRemembered()) {
        byMasked.clear();
      }
      byMasked.put(new Key().over(masked.chars, masked.length).copy(), known);
    }
    known.cluster().seen(sequence);
    known.seen();
    return known;
  }

  private Cluster match(String[] tokens) {
    String shape = shape(tokens.length, tokens.length == 0 ? "" : tokens[0]);
    List<Cluster> candidates = byShape.computeIfAbsent(shape, s -> new ArrayList<>());
    Cluster best = null;
    double bestSimilarity = -1;
    int bestWildcards = -1;
    for (Cluster candidate : candidates) {
      int equal = 0;
      int wildcards = 0;
      for (int i = 0; i < tokens.length; i++) {
        String t = candidate.token(i);
        if (t.equals(Masker.WILDCARD)) {
          wildcards++;
        } else if (t.equals(tokens[i])) {
          equal++;
        }
      }
      double similarity = tokens.length == 0 ? 1 : (double) equal / tokens.length;
      if (similarity > bestSimilarity
          || (similarity == bestSimilarity && wildcards > bestWildcards)) {
        best = candidate;
        bestSimilarity = similarity;
        bestWildcards = wildcards;
      }
    }
    if (best != null && bestSimilarity >= settings.similarity()) {
      best.absorb(tokens);
      return best;
    }
    Cluster created = new Cluster(nextId++, tokens.clone(), sequence, settings.fewWords(), shape);
    candidates.add(created);
    clusters.add(created);
    if (clusters.size() > settings.maxTemplates()) {
      evictLeastRecentlySeen();
    }
    return created;
  }

  /**
   * The branch of the tree: length and first token. A first token with a wildcard branches as a
   * wildcard, and {@code key=value} as its key: a value first does not split its messages.
   */
  private static String shape(int length, String first) {
    if (first.contains(Masker.WILDCARD)) {
      return length + " " + Masker.WILDCARD;
    }
    int eq = first.indexOf('=');
    return length + " " + (eq > 0 ? first.substring(0, eq + 1) : first);
  }

  /** Drops the least recently seen tenth of the groups, so that eviction is rare and cheap. */
  private void evictLeastRecentlySeen() {
    clusters.sort(Comparator.comparingLong(Cluster::lastSeen));
    int drop = Math.max(1, clusters.size() / 10);
    for (Cluster oldest : clusters.subList(0, drop)) {
      oldest.evict();
      List<Cluster> list = byShape.get(oldest.shape());
      if (list != null) {
        list.remove(oldest);
      }
    }
    clusters.subList(0, drop).clear();
    evicted += drop;
  }

  /** How many groups of messages are kept. */
  public int groups() {
    return clusters.size();
  }

  /** How many groups were dropped to stay within {@link Settings#maxTemplates()}. */
  public long evicted() {
    return evicted;
  }

  /**
   * A masked message as a map key: its characters and their hash. The miner's probe is a key over
   * its buffer, so that a message seen before is found without copying it.
   */
  private static final class Key {
    private char[] chars;
    private int length;
    private int hash;

    Key over(char[] chars, int length) {
      this.chars = chars;
      this.length = length;
      // 31-polynomial, four characters a step: a shorter dependency chain than String's
      int h = 0;
      int i = 0;
      for (; i + 3 < length; i += 4) {
        h = 923521 * h + 29791 * chars[i] + 961 * chars[i + 1] + 31 * chars[i + 2] + chars[i + 3];
      }
      for (; i < length; i++) {
        h = 31 * h + chars[i];
      }
      this.hash = h;
      return this;
    }

    Key copy() {
      Key key = new Key();
      key.chars = java.util.Arrays.copyOf(chars, length);
      key.length = length;
      key.hash = hash;
      return key;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.length == length
          && java.util.Arrays.equals(chars, 0, length, key.chars, 0, length);
    }
  }
}
