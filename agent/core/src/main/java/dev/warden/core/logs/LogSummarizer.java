package dev.warden.core.logs;

import dev.warden.core.logs.LogSummary.Category;
import dev.warden.core.logs.LogSummary.Event;
import dev.warden.core.logs.LogSummary.Examples;
import dev.warden.core.logs.LogSummary.Seen;
import dev.warden.core.redact.Redactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a log line by line and keeps, per template of the {@link TemplateMiner}: how many events it
 * matched, when it was first and last seen, its levels, its components and example values of its
 * variables; then ranks the templates for a responder ({@link #summary()}).
 *
 * <p>Each line's header is split off by the format, else by {@link HeaderDetector}. The lines that
 * continue a multi-line record ({@link MultiLine}: stack frames, {@code Caused by:}, a traceback)
 * are folded into the record's first line: the record is one event, its other lines are counted as
 * its extra lines, and the exception lines among them are kept (masked) with the template. A line
 * naming an exception class ({@code java.lang.IllegalStateException: boom}) without a header of its
 * own is folded too when it comes right after the first line of a record that has a header, or
 * after a continuation line: what Logback and Python print under a logged error. Blank lines are
 * counted but are no events. The miner's templates that end with the same text are one entry.
 *
 * <p>Examples: the raw tokens of a line ({@link Masker#split}) are aligned with its template's when
 * both have as many; up to three distinct values are shown per wildcard of the final template, for
 * its first three wildcards. A value is shown redacted ({@link Redactor}, run on its whole line, so
 * that {@code password=...} is recognised); a line whose redaction changes its token count gives no
 * examples.
 *
 * <p>Not thread-safe: one summarizer per log.
 */
public final class LogSummarizer {
  /** The components kept per template. */
  static final int MAX_COMPONENTS = 5;

  /** The distinct example values kept per wildcard position. */
  static final int MAX_EXAMPLES = 3;

  /** The wildcard positions shown per template. */
  static final int SHOWN_POSITIONS = 3;

  /** The token positions looked at for examples; longer templates show examples of these only. */
  private static final int POSITIONS = 32;

  /**
   * The share of the events, at the end of the log, that new and bursting templates are found in.
   */
  static final int RECENT_PERCENT = 20;

  /** How many times its earlier rate a bursting template's rate in the recent part is, at least. */
  static final int BURST_FACTOR = 3;

  /** The fewest events of a bursting template in the recent part. */
  static final int BURST_MIN = 3;

  /**
   * After this many lines of a template, a position that has not varied is taken to be constant:
   * once the ones that did have their examples, its lines are no longer looked at for examples;
   * after 1,024 lines, they are not in any case.
   */
  private static final int SATURATION = 64;

  /** The exception lines of multi-line records kept per template. */
  static final int MAX_EXCEPTIONS = 3;

  private static final String CAUSED_BY = "Caused by: ";

  /** The fewest events in a log for "new" and "bursting" to mean anything. */
  static final int MIN_WINDOW = 10;

  private final Optional<LogFormat> format;
  private final TemplateMiner miner;
  private final Redactor redactor = Redactor.standard();
  private final Map<Template, Kind> kinds = new IdentityHashMap<>();
  private final List<Kind> all = new ArrayList<>();
  private int[] recordKinds = new int[1024];
  private int records;
  private long lines;
  private Kind current;
  private boolean currentHasHeader;
  private boolean previousContinued;
  private long currentExtra;
  private Seen first;
  private Seen last;

  /** A summarizer with the miner's default settings. */
  public LogSummarizer(Optional<LogFormat> format) {
    this(format, new TemplateMiner());
  }

  public LogSummarizer(Optional<LogFormat> format, TemplateMiner miner) {
    this.format = format;
    this.miner = miner;
  }

  /** The summary of the lines of {@code in} (UTF-8; malformed bytes replaced). */
  public static LogSummary summarize(InputStream in, Optional<LogFormat> format)
      throws IOException {
    return summarize(in, format, new TemplateMiner());
  }

  /** The summary of the lines of {@code in}, mined by {@code miner}. */
  public static LogSummary summarize(
      InputStream in, Optional<LogFormat> format, TemplateMiner miner) throws IOException {
    LogSummarizer summarizer = new LogSummarizer(format, miner);
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            1 << 16);
    String line;
    while ((line = reader.readLine()) != null) {
      summarizer.add(line);
    }
    return summarizer.summary();
  }

  /** The summary of {@code lines}. */
  public static LogSummary summarize(List<String> lines, Optional<LogFormat> format) {
    LogSummarizer summarizer = new LogSummarizer(format);
    lines.forEach(summarizer::add);
    return summarizer.summary();
  }

  /** Adds the next line of the log (without its line break). */
  public void add(String line) {
    lines++;
    if (line.isBlank()) {
      return;
    }
    if (current != null && MultiLine.continues(line)) {
      continued(line);
      return;
    }
    LogLine parsed = split(line);
    boolean header = !parsed.level().isEmpty() || !parsed.time().isEmpty();
    if (current != null
        && currentHasHeader
        && !header
        && (currentExtra == 0 || previousContinued)
        && namesException(parsed.content())) {
      continued(line);
      return;
    }
    Template template = miner.add(parsed.content());
    Kind kind = kinds.get(template);
    if (kind == null) {
      kind = new Kind(template, all.size(), parsed.content());
      kinds.put(template, kind);
      all.add(kind);
    }
    if (records == recordKinds.length) {
      recordKinds = Arrays.copyOf(recordKinds, records * 2);
    }
    Seen seen = new Seen(lines, parsed.time());
    kind.seen(records, seen, LogSeverity.of(parsed.level(), parsed.content()), parsed.component());
    recordKinds[records++] = kind.index;
    if (kind.count > 1) {
      kind.collect(parsed.content(), lines, redactor);
    }
    if (first == null || (first.time().isEmpty() && !seen.time().isEmpty())) {
      first = seen;
    }
    if (last == null || !seen.time().isEmpty() || last.time().isEmpty()) {
      last = seen;
    }
    current = kind;
    currentHasHeader = header;
    currentExtra = 0;
    previousContinued = false;
  }

  private void continued(String line) {
    current.extraLines++;
    currentExtra++;
    previousContinued = true;
    if (current.exceptions.size() < MAX_EXCEPTIONS) {
      String text = line.strip();
      String name = text.startsWith(CAUSED_BY) ? text.substring(CAUSED_BY.length()) : text;
      if (namesException(name)) {
        String masked = String.join(" ", Masker.mask(text));
        if (!current.exceptions.contains(masked)) {
          current.exceptions.add(masked);
        }
      }
    }
  }

  /** The line's header, time included, and message. */
  private LogLine split(String line) {
    return format.flatMap(layout -> layout.parse(line)).orElseGet(() -> HeaderDetector.parse(line));
  }

  /**
   * Whether a message starts with the name of an exception class: a qualified name whose last part
   * starts with a capital and ends in {@code Exception} or {@code Error} ({@code
   * java.io.IOException: disk full}), or such a simple name followed by a colon ({@code ValueError:
   * bad}).
   */
  static boolean namesException(String content) {
    int n = content.length();
    int end = 0;
    boolean dot = false;
    int part = 0;
    while (end < n) {
      char c = content.charAt(end);
      if (c == '.') {
        dot = true;
        part = end + 1;
      } else if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
        break;
      }
      end++;
    }
    if (end == part || !Character.isUpperCase(content.charAt(part))) {
      return false;
    }
    String name = content.substring(part, end);
    if (!(name.endsWith("Exception") || name.endsWith("Error")) || name.length() <= 5) {
      return false;
    }
    boolean colon = end < n && content.charAt(end) == ':';
    return (dot && (end == n || colon)) || colon;
  }

  /** The summary of the lines read so far. */
  public LogSummary summary() {
    long[] recent = new long[all.size()];
    int recentRecords = 0;
    int cut = records;
    if (records >= MIN_WINDOW) {
      recentRecords = (int) Math.ceil(records * RECENT_PERCENT / 100.0);
      cut = records - recentRecords;
      for (int r = cut; r < records; r++) {
        recent[recordKinds[r]]++;
      }
    }
    // a template dropped by the miner's bound and started again is the same kind of line
    Map<String, List<Kind>> byText = new LinkedHashMap<>();
    for (Kind kind : all) {
      byText.computeIfAbsent(kind.template.text(), t -> new ArrayList<>()).add(kind);
    }
    List<Event> events = new ArrayList<>(byText.size());
    for (Map.Entry<String, List<Kind>> entry : byText.entrySet()) {
      events.add(event(entry.getKey(), entry.getValue(), recent, cut, recentRecords));
    }
    events.sort(
        Comparator.comparingInt((Event e) -> e.category().rank())
            .thenComparing(Comparator.comparingLong(Event::count).reversed())
            .thenComparingLong(e -> e.first().line()));
    return new LogSummary(
        lines,
        records,
        events,
        Optional.ofNullable(first).map(this::redacted),
        Optional.ofNullable(last).map(this::redacted),
        recentRecords);
  }

  private Event event(String text, List<Kind> same, long[] recent, int cut, int recentRecords) {
    long count = 0;
    long extra = 0;
    long recentCount = 0;
    int firstRecord = Integer.MAX_VALUE;
    Seen firstSeen = null;
    Seen lastSeen = null;
    long[] levels = new long[LogSeverity.values().length];
    List<String> components = new ArrayList<>();
    boolean moreComponents = false;
    List<String> exceptions = new ArrayList<>();
    for (Kind kind : same) {
      count += kind.count;
      extra += kind.extraLines;
      recentCount += recent[kind.index];
      firstRecord = Math.min(firstRecord, kind.firstRecord);
      if (firstSeen == null || kind.first.line() < firstSeen.line()) {
        firstSeen = kind.first;
      }
      if (lastSeen == null || kind.last.line() > lastSeen.line()) {
        lastSeen = kind.last;
      }
      for (int s = 0; s < levels.length; s++) {
        levels[s] += kind.levels[s];
      }
      for (String component : kind.components) {
        if (!components.contains(component)) {
          if (components.size() < MAX_COMPONENTS) {
            components.add(component);
          } else {
            moreComponents = true;
          }
        }
      }
      moreComponents |= kind.moreComponents;
      for (String exception : kind.exceptions) {
        if (exceptions.size() < MAX_EXCEPTIONS && !exceptions.contains(exception)) {
          exceptions.add(exception);
        }
      }
    }
    LogSeverity severity = LogSeverity.INFO;
    Map<LogSeverity, Long> levelCounts = new EnumMap<>(LogSeverity.class);
    for (LogSeverity s : LogSeverity.values()) {
      levelCounts.put(s, levels[s.ordinal()]);
    }
    for (LogSeverity s : LogSeverity.values()) {
      if (levels[s.ordinal()] > 0) {
        severity = s;
        break;
      }
    }
    boolean isNew = recentRecords > 0 && firstRecord >= cut;
    long before = count - recentCount;
    int beforeRecords = records - recentRecords;
    boolean bursting =
        recentRecords > 0
            && !isNew
            && recentCount >= BURST_MIN
            && before > 0
            && recentCount * beforeRecords >= (long) BURST_FACTOR * before * recentRecords;
    Category category =
        severity.isError()
            ? Category.ERROR
            : isNew
                ? Category.NEW
                : bursting
                    ? Category.BURSTING
                    : severity == LogSeverity.WARNING ? Category.WARNING : Category.INFO;
    String template = redactor.redact(text).text();
    List<Examples> shown = new ArrayList<>();
    int wildcard = 0;
    String[] tokens = Masker.split(text);
    for (int i = 0; i < Math.min(tokens.length, POSITIONS) && shown.size() < SHOWN_POSITIONS; i++) {
      int here = wildcards(tokens[i]);
      if (here == 0) {
        continue;
      }
      wildcard++;
      List<Example> candidates = new ArrayList<>();
      for (Kind kind : same) {
        kind.examples(i, tokens[i], tokens.length, redactor, candidates);
      }
      // the first distinct values in the log's order
      candidates.sort(Comparator.comparingLong(Example::line));
      List<String> raws = new ArrayList<>(MAX_EXAMPLES);
      List<String> values = new ArrayList<>(MAX_EXAMPLES);
      for (Example e : candidates) {
        String value = redactor.redact(e.shown()).text();
        if (values.size() < MAX_EXAMPLES && !raws.contains(e.raw()) && !values.contains(value)) {
          raws.add(e.raw());
          values.add(value);
        }
      }
      if (!values.isEmpty()) {
        shown.add(new Examples(wildcard, values));
      }
      wildcard += here - 1;
    }
    return new Event(
        template,
        severity,
        category,
        count,
        extra,
        redacted(firstSeen),
        redacted(lastSeen),
        levelCounts,
        components.stream().map(c -> redactor.redact(c).text()).toList(),
        moreComponents,
        shown,
        exceptions.stream().map(x -> redactor.redact(x).text()).toList(),
        isNew,
        bursting,
        recentCount);
  }

  private static int wildcards(String token) {
    int count = 0;
    for (int at = token.indexOf(Masker.WILDCARD);
        at >= 0;
        at = token.indexOf(Masker.WILDCARD, at + 3)) {
      count++;
    }
    return count;
  }

  private Seen redacted(Seen seen) {
    return seen.time().isEmpty()
        ? seen
        : new Seen(seen.line(), redactor.redact(seen.time()).text());
  }

  /** One example value: as written (to tell values apart) and redacted in its line (to show). */
  private record Example(String raw, String shown, long line) {}

  /**
   * What is known of one template object of the miner. Its example values: the first line's tokens,
   * and per position up to two other values its later lines had there.
   */
  private static final class Kind {
    final Template template;
    final int index;
    final String firstContent;
    long count;
    long extraLines;
    int firstRecord;
    Seen first;
    Seen last;
    final long[] levels = new long[LogSeverity.values().length];
    final List<String> components = new ArrayList<>(2);
    boolean moreComponents;
    final List<String> exceptions = new ArrayList<>(0);
    private String[] firstRaw;
    private String[] firstRedacted;
    private List<Example>[] others;
    private boolean saturated;

    Kind(Template template, int index, String firstContent) {
      this.template = template;
      this.index = index;
      this.firstContent = firstContent;
    }

    void seen(int record, Seen seen, LogSeverity severity, String component) {
      if (count == 0) {
        first = seen;
        firstRecord = record;
      }
      count++;
      last = seen;
      levels[severity.ordinal()]++;
      if (!component.isEmpty() && !components.contains(component)) {
        if (components.size() < MAX_COMPONENTS) {
          components.add(component);
        } else {
          moreComponents = true;
        }
      }
    }

    private String[] firstRaw() {
      if (firstRaw == null) {
        firstRaw = Masker.split(firstContent);
      }
      return firstRaw;
    }

    /** The first line's tokens redacted in their line, or null when redaction changed the count. */
    private String[] firstRedacted(Redactor redactor) {
      if (firstRedacted == null) {
        String[] redacted = Masker.split(redactor.redact(firstContent).text());
        firstRedacted = redacted.length == firstRaw().length ? redacted : new String[0];
      }
      return firstRedacted.length == 0 ? null : firstRedacted;
    }

    /** Keeps the values of a later line that differ from the first line's, up to two a position. */
    @SuppressWarnings("unchecked")
    void collect(String content, long line, Redactor redactor) {
      if (saturated) {
        return;
      }
      String[] firstTokens = firstRaw();
      String[] raw = Masker.split(content);
      if (raw.length != firstTokens.length) {
        return;
      }
      int n = Math.min(raw.length, POSITIONS);
      String[] redacted = null;
      for (int i = 0; i < n; i++) {
        if (raw[i].equals(firstTokens[i])) {
          continue;
        }
        if (others == null) {
          others = new List[n];
        }
        List<Example> kept = others[i];
        if (kept == null) {
          kept = new ArrayList<>(MAX_EXAMPLES - 1);
          others[i] = kept;
        }
        if (kept.size() >= MAX_EXAMPLES - 1 || has(kept, raw[i])) {
          continue;
        }
        if (redacted == null) {
          redacted = Masker.split(redactor.redact(content).text());
        }
        if (redacted.length != raw.length) {
          // a secret spanning tokens: where it is cannot be told, so this line gives no example
          return;
        }
        kept.add(new Example(raw[i], redacted[i], line));
      }
      if (count >= SATURATION) {
        saturated = count >= SATURATION * SATURATION / 4;
        if (others != null) {
          boolean full = true;
          for (List<Example> kept : others) {
            full &= kept == null || kept.size() >= MAX_EXAMPLES - 1;
          }
          saturated |= full;
        } else {
          saturated = true;
        }
      }
    }

    /**
     * Adds this template's values at position {@code i} to {@code into}, as parts of the final
     * token {@code token} (of a template {@code length} tokens long), up to three distinct.
     */
    void examples(int i, String token, int length, Redactor redactor, List<Example> into) {
      if (firstRaw().length != length) {
        return;
      }
      String[] redacted = firstRedacted(redactor);
      if (redacted != null) {
        into.add(new Example(value(token, firstRaw[i]), value(token, redacted[i]), first.line()));
      }
      if (others != null && i < others.length && others[i] != null) {
        for (Example e : others[i]) {
          into.add(new Example(value(token, e.raw()), value(token, e.shown()), e.line()));
        }
      }
    }

    private static boolean has(List<Example> kept, String value) {
      for (Example e : kept) {
        if (e.raw().equals(value)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The part of a raw token its template token has a wildcard for: {@code alice} of {@code
   * user=alice} for {@code user=<*>}, {@code 42} of {@code [42]} for {@code [<*>]}; the whole token
   * when the template's text around the wildcards is not around it.
   */
  static String value(String template, String raw) {
    int from = template.indexOf(Masker.WILDCARD);
    int to = template.lastIndexOf(Masker.WILDCARD) + Masker.WILDCARD.length();
    String prefix = template.substring(0, from);
    String suffix = template.substring(to);
    if (raw.length() > prefix.length() + suffix.length()
        && raw.startsWith(prefix)
        && raw.endsWith(suffix)) {
      return raw.substring(prefix.length(), raw.length() - suffix.length());
    }
    return raw;
  }
}
