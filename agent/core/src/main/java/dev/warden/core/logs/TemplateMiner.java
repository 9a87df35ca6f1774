package dev.warden.core.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups log messages into templates online, one pass, in bounded memory.
 *
 * <p>A message is masked ({@link Masker}) and looked up whole: a masked message seen before costs
 * one hash lookup. A new one is compared with the templates of the same length and the same first
 * token, as in Drain's fixed-depth tree (He et al., ICWS 2017): the share of positions where the
 * template and the message have the same token, template wildcards not counted; the most similar
 * template takes it when that share reaches {@link Settings#similarity()}, generalising the tokens
 * that differ; otherwise it starts a template of its own.
 *
 * <p>At most {@link Settings#maxTemplates()} templates are kept: past that, the least recently seen
 * is dropped ({@link #evicted()} counts them), and a message of its kind starts a new one.
 *
 * <p>Not thread-safe: one miner per stream. To parallelise, give each source (pod, file) its own
 * miner and merge the templates' texts and counts afterwards.
 */
public final class TemplateMiner {
  private final Settings settings;
  private final Map<String, Template> byMasked = new HashMap<>();
  private final Map<String, List<Cluster>> byShape = new HashMap<>();
  private final LinkedHashMap<Integer, Cluster> recent = new LinkedHashMap<>(64, 0.75f, true);
  private final StringBuilder key = new StringBuilder(256);
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
   * @param similarity the share of equal tokens for a message to join a template, in (0, 1]
   * @param maxTemplates how many templates are kept before the least recently seen is dropped
   * @param maxRemembered how many distinct masked messages are remembered for the fast path
   * @param fewWords a wildcard that only ever stood for this many distinct words (or fewer) prints
   *     the word instead: {@code VM Paused} and {@code VM Resumed} are two templates, not {@code VM
   *     <*>}
   */
  public record Settings(double similarity, int maxTemplates, int maxRemembered, int fewWords) {
    public static final Settings DEFAULT = new Settings(0.5, 10_000, 200_000, 3);
  }

  /** The template of {@code content}, created or generalised as needed. */
  public Template add(String content) {
    return addMasked(Masker.mask(content));
  }

  /** The template of a message already masked into tokens. */
  public Template addMasked(String[] tokens) {
    sequence++;
    key.setLength(0);
    for (String token : tokens) {
      key.append(token).append(' ');
    }
    String masked = key.toString();
    Template known = byMasked.get(masked);
    if (known == null || recent.get(known.group()) == null) {
      Cluster cluster = match(tokens);
      known = cluster.variant(tokens.clone());
      if (byMasked.size() >= settings.maxRemembered()) {
        byMasked.clear();
      }
      byMasked.put(masked, known);
    }
    recent.get(known.group()).seen(sequence);
    known.seen();
    return known;
  }

  private Cluster match(String[] tokens) {
    String shape = tokens.length + " " + (tokens.length == 0 ? "" : first(tokens[0]));
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
      recent.get(best.id());
      return best;
    }
    Cluster created = new Cluster(nextId++, tokens.clone(), sequence, settings.fewWords());
    candidates.add(created);
    recent.put(created.id(), created);
    if (recent.size() > settings.maxTemplates()) {
      evictOldest();
    }
    return created;
  }

  /** The first token as the tree's branch: a token with a wildcard branches as a wildcard. */
  private static String first(String token) {
    return token.contains(Masker.WILDCARD) ? Masker.WILDCARD : token;
  }

  private void evictOldest() {
    var it = recent.entrySet().iterator();
    Cluster oldest = it.next().getValue();
    it.remove();
    String shape = oldest.length() + " " + (oldest.length() == 0 ? "" : first(oldest.token(0)));
    List<Cluster> list = byShape.get(shape);
    if (list != null) {
      list.remove(oldest);
    }
    evicted++;
  }

  /** How many groups of messages are kept. */
  public int groups() {
    return recent.size();
  }

  /** How many templates were dropped to stay within {@link Settings#maxTemplates()}. */
  public long evicted() {
    return evicted;
  }
}
