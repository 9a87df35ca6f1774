package dev.warden.core.logs;

import dev.warden.core.llm.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a log holds, by template, ranked for a responder, and rendered within a token budget: as
 * Markdown for people (and a model's context) and as JSON for programs. Made by {@link
 * LogSummarizer}; every text in it (templates, examples, components, times) has been through the
 * {@link dev.warden.core.redact.Redactor}.
 *
 * <p>The ranking: error and fatal templates first; then templates that are new or bursting in the
 * last 20% of the log's events (new: first seen there; bursting: at least 3 events there, and a
 * rate there at least 3 times its rate before); then warnings; then the rest. Within each, more
 * events first. New and bursting need a log of at least 10 events.
 *
 * <p>The budget, counted with {@link TokenCounter#standard()} on the Markdown: the least important
 * templates are left out first, and the summary ends by saying what was left out. Every error and
 * fatal template is kept whenever the budget allows one line for each (the examples of the errors
 * go before any error does).
 */
public final class LogSummary {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final long lines;
  private final long records;
  private final List<Event> events;
  private final Optional<Seen> first;
  private final Optional<Seen> last;
  private final int recentRecords;

  LogSummary(
      long lines,
      long records,
      List<Event> events,
      Optional<Seen> first,
      Optional<Seen> last,
      int recentRecords) {
    this.lines = lines;
    this.records = records;
    this.events = List.copyOf(events);
    this.first = first;
    this.last = last;
    this.recentRecords = recentRecords;
  }

  /** The lines read, blank and continuation lines included. */
  public long lines() {
    return lines;
  }

  /** The events: lines that start a record (a multi-line record is one event). */
  public long records() {
    return records;
  }

  /** Every template, ranked, most important first. */
  public List<Event> events() {
    return events;
  }

  /** The first line with a time, else the first line; empty for an empty log. */
  public Optional<Seen> first() {
    return first;
  }

  /** The last line with a time, else the last line; empty for an empty log. */
  public Optional<Seen> last() {
    return last;
  }

  /** How many of the last events new and bursting templates were found in (0: too few events). */
  public int recentRecords() {
    return recentRecords;
  }

  /** Where in the log: the line number, and its time as written (or empty). */
  public record Seen(long line, String time) {
    public Seen {
      Objects.requireNonNull(time, "time");
    }

    /** The time when there is one, else {@code line N}. */
    public String text() {
      return time.isEmpty() ? "line " + line : time;
    }
  }

  /**
   * Example values of one wildcard of a template.
   *
   * @param wildcard which {@code <*>} of the template, from 1
   * @param values up to three distinct values, redacted
   */
  public record Examples(int wildcard, List<String> values) {
    public Examples {
      values = List.copyOf(values);
    }
  }

  /** Why a template is where it is in the ranking, most important first. */
  public enum Category {
    /** It has error or fatal lines. */
    ERROR,
    /** First seen in the recent part of the log. */
    NEW,
    /** Much more frequent in the recent part of the log than before. */
    BURSTING,
    /** It has warnings. */
    WARNING,
    /** Anything else. */
    INFO;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Its place in the ranking: new and bursting templates rank together. */
    public int rank() {
      return switch (this) {
        case ERROR -> 0;
        case NEW, BURSTING -> 1;
        case WARNING -> 2;
        case INFO -> 3;
      };
    }
  }

  /**
   * One template of the log.
   *
   * @param template the template's text, redacted
   * @param severity its most severe level
   * @param category its place in the ranking
   * @param count its events
   * @param extraLines the continuation lines of its multi-line records
   * @param first where it was first seen
   * @param last where it was last seen
   * @param levels its events per severity
   * @param components up to five components (loggers) it was seen from
   * @param moreComponents whether it was seen from more
   * @param examples example values of its first (up to three) wildcards that have some
   * @param exceptions up to three exception lines of its multi-line records (stack traces), masked
   *     and redacted: {@code java.net.SocketTimeoutException: Read timed out}, {@code Caused by:
   *     java.io.IOException: connection reset}
   * @param isNew whether it was first seen in the recent part of the log
   * @param bursting whether it bursts in the recent part of the log
   * @param recentCount its events in the recent part of the log
   */
  public record Event(
      String template,
      LogSeverity severity,
      Category category,
      long count,
      long extraLines,
      Seen first,
      Seen last,
      Map<LogSeverity, Long> levels,
      List<String> components,
      boolean moreComponents,
      List<Examples> examples,
      List<String> exceptions,
      boolean isNew,
      boolean bursting,
      long recentCount) {
    public Event {
      levels = Map.copyOf(levels);
      components = List.copyOf(components);
      examples = List.copyOf(examples);
      exceptions = List.copyOf(exceptions);
    }

    /** Its lines: its events and their continuation lines. */
    public long lines() {
      return count + extraLines;
    }
  }

  /**
   * What was left out to fit the budget.
   *
   * @param templates templates left out
   * @param lines their lines
   * @param errors of them, error and fatal templates
   * @param warnings of them, warning templates
   * @param info of them, the others
   * @param examplesLeftOut templates kept without their examples
   */
  public record Dropped(
      int templates, long lines, int errors, int warnings, int info, int examplesLeftOut) {
    /** Nothing left out. */
    public boolean none() {
      return templates == 0 && examplesLeftOut == 0;
    }
  }

  /**
   * A summary rendered within a budget.
   *
   * @param markdown for people and a model's context; at most {@code budgetTokens} tokens
   * @param tokens the Markdown's tokens
   * @param budgetTokens the budget
   * @param kept how many of the ranked templates it shows
   * @param dropped what it leaves out
   */
  public record Rendered(
      String markdown, ObjectNode json, int tokens, int budgetTokens, int kept, Dropped dropped) {
    /** The same data as JSON, with {@code dropped}: a copy, free to extend. */
    @Override
    public ObjectNode json() {
      return json.deepCopy();
    }
  }

  /**
   * Renders the summary within {@code budgetTokens} tokens of Markdown; the JSON shows the same
   * templates.
   *
   * @param source what the log is, for the title ({@code app.log}, {@code pod api-7f9c})
   */
  public Rendered render(String source, int budgetTokens) {
    return new Fitter(source, budgetTokens).fit();
  }

  /** Finds the best selection of templates that fits, and renders it. */
  private final class Fitter {
    private final TokenCounter counter = TokenCounter.standard();
    private final String source;
    private final int budget;
    private final String header;
    private final int headerTokens;
    private final int errors;
    private final int[] full;
    private final int[] brief;

    Fitter(String source, int budget) {
      this.source = source;
      this.budget = budget;
      this.header = header(source);
      this.headerTokens = counter.count(header);
      int e = 0;
      while (e < events.size() && events.get(e).severity().isError()) {
        e++;
      }
      this.errors = e;
      this.full = new int[events.size()];
      this.brief = new int[events.size()];
      Arrays.fill(full, -1);
      Arrays.fill(brief, -1);
    }

    private int full(int i) {
      if (full[i] < 0) {
        full[i] = counter.count(bullet(events.get(i), true));
      }
      return full[i];
    }

    private int brief(int i) {
      if (brief[i] < 0) {
        brief[i] = counter.count(bullet(events.get(i), false));
      }
      return brief[i];
    }

    private int droppedTokens(int kept, int withExamples) {
      return counter.count(droppedLine(dropped(kept, withExamples)));
    }

    /**
     * The selection: the first {@code kept} templates, the first {@code withExamples} of them with
     * examples. Preferred, in order: as many templates as fit, with examples, down to all the
     * errors; then all the errors, fewer with examples; then fewer errors.
     */
    Rendered fit() {
      int n = events.size();
      int kept = 0;
      long sum = headerTokens;
      while (kept < n
          && sum + full(kept) + (kept + 1 < n ? droppedTokens(kept + 1, kept + 1) : 0) <= budget) {
        sum += full(kept);
        kept++;
      }
      int withExamples = kept;
      if (kept < errors) {
        long briefs = headerTokens;
        for (int i = 0; i < errors && briefs <= budget; i++) {
          briefs += brief(i);
        }
        if (briefs + droppedTokens(errors, 0) <= budget) {
          kept = errors;
          withExamples = 0;
          while (withExamples < errors
              && briefs
                      - brief(withExamples)
                      + full(withExamples)
                      + droppedTokens(errors, withExamples + 1)
                  <= budget) {
            briefs += full(withExamples) - brief(withExamples);
            withExamples++;
          }
        } else {
          kept = 0;
          withExamples = 0;
          sum = headerTokens;
          while (kept < errors && sum + brief(kept) + droppedTokens(kept + 1, 0) <= budget) {
            sum += brief(kept);
            kept++;
          }
        }
      }
      // the sums are of separately counted pieces: check the whole, and take less while over
      while (true) {
        Rendered rendered = render(kept, withExamples);
        if (rendered.tokens() <= budget) {
          return rendered;
        }
        if (kept == 0) {
          return bare(rendered);
        }
        if (withExamples == kept && kept > errors) {
          kept--;
          withExamples--;
        } else if (withExamples > 0) {
          withExamples--;
        } else {
          kept--;
        }
      }
    }

    /** Less than the header and the note of what was left out fits: the note alone, or nothing. */
    private Rendered bare(Rendered nothingKept) {
      String note = droppedLine(nothingKept.dropped()) + "\n";
      String markdown = counter.count(note) <= budget ? note : "";
      int tokens = counter.count(markdown);
      return new Rendered(
          markdown,
          json(source, 0, 0, nothingKept.dropped(), budget, tokens),
          tokens,
          budget,
          0,
          nothingKept.dropped());
    }

    private Dropped dropped(int kept, int withExamples) {
      int templates = 0;
      long lines = 0;
      int errorCount = 0;
      int warnings = 0;
      int info = 0;
      for (int i = kept; i < events.size(); i++) {
        Event e = events.get(i);
        templates++;
        lines += e.lines();
        if (e.severity().isError()) {
          errorCount++;
        } else if (e.severity() == LogSeverity.WARNING) {
          warnings++;
        } else {
          info++;
        }
      }
      int examplesLeftOut = 0;
      for (int i = withExamples; i < kept; i++) {
        if (!events.get(i).examples().isEmpty() || !events.get(i).exceptions().isEmpty()) {
          examplesLeftOut++;
        }
      }
      return new Dropped(templates, lines, errorCount, warnings, info, examplesLeftOut);
    }

    private String droppedLine(Dropped d) {
      if (d.none()) {
        return "";
      }
      StringBuilder line = new StringBuilder();
      if (d.templates() > 0) {
        line.append(d.templates())
            .append(d.templates() < events.size() ? " more " : " ")
            .append(d.templates() == 1 ? "template" : "templates")
            .append(" (")
            .append(plural(d.lines(), "line"))
            .append(") left out to fit ")
            .append(budget)
            .append(" tokens: ")
            .append(plural(d.errors(), "error"))
            .append(", ")
            .append(plural(d.warnings(), "warning"))
            .append(", ")
            .append(d.info())
            .append(" info");
      }
      if (d.examplesLeftOut() > 0) {
        line.append(line.length() > 0 ? "; examples of " : "examples of ")
            .append(plural(d.examplesLeftOut(), "template"))
            .append(" left out");
        if (d.templates() == 0) {
          line.append(" to fit ").append(budget).append(" tokens");
        }
      }
      return line.toString();
    }

    private Rendered render(int kept, int withExamples) {
      StringBuilder md = new StringBuilder(header);
      for (int i = 0; i < kept; i++) {
        md.append(bullet(events.get(i), i < withExamples));
      }
      Dropped dropped = dropped(kept, withExamples);
      if (!dropped.none()) {
        md.append('\n').append(droppedLine(dropped)).append('\n');
      }
      String markdown = md.toString();
      int tokens = counter.count(markdown);
      return new Rendered(
          markdown,
          json(source, kept, withExamples, dropped, budget, tokens),
          tokens,
          budget,
          kept,
          dropped);
    }
  }

  private String header(String source) {
    StringBuilder h = new StringBuilder("# Log summary: ").append(oneLine(source)).append('\n');
    h.append(plural(lines, "line"))
        .append(", ")
        .append(plural(records, "event"))
        .append(", ")
        .append(plural(events.size(), "template"));
    Optional<String> range = timeRange();
    if (range.isPresent()) {
      h.append(", ").append(range.get());
    } else if (records > 0) {
      h.append(", no timestamps");
    }
    return h.append("\n\n").toString();
  }

  private Optional<String> timeRange() {
    if (first.isEmpty() || first.get().time().isEmpty()) {
      return Optional.empty();
    }
    String from = first.get().time();
    String to = last.get().time();
    return Optional.of(from.equals(to) ? "at " + from : "from " + from + " to " + to);
  }

  /** One template's bullet line, and with {@code examples} its examples line. */
  static String bullet(Event e, boolean examples) {
    StringBuilder b = new StringBuilder("- ").append(e.severity().id().toUpperCase(Locale.ROOT));
    if (e.isNew()) {
      b.append(", new");
    } else if (e.bursting()) {
      b.append(", bursting (").append(e.recentCount()).append(" recently)");
    }
    b.append(" ×").append(e.count());
    if (e.extraLines() > 0) {
      b.append(" (+").append(plural(e.extraLines(), "line")).append(')');
    }
    List<String> mix = new ArrayList<>();
    for (LogSeverity s : LogSeverity.values()) {
      long c = e.levels().getOrDefault(s, 0L);
      if (c > 0 && c < e.count()) {
        mix.add(c + " " + s.id());
      }
    }
    if (!mix.isEmpty()) {
      b.append(" (").append(String.join(", ", mix)).append(')');
    }
    if (e.count() == 1 || e.first().equals(e.last())) {
      b.append(", at ").append(e.first().text());
    } else {
      b.append(", first ").append(e.first().text()).append(", last ").append(e.last().text());
    }
    if (!e.components().isEmpty()) {
      b.append(", in ")
          .append(String.join(", ", e.components().stream().map(LogSummary::oneLine).toList()));
      if (e.moreComponents()) {
        b.append(", …");
      }
    }
    b.append(": ").append(code(e.template())).append('\n');
    if (examples && !e.exceptions().isEmpty()) {
      b.append("  - trace:");
      String separator = " ";
      for (String exception : e.exceptions()) {
        b.append(separator).append(code(exception));
        separator = "; ";
      }
      b.append('\n');
    }
    if (examples && !e.examples().isEmpty()) {
      b.append("  - examples:");
      String separator = " ";
      for (Examples x : e.examples()) {
        b.append(separator).append('#').append(x.wildcard());
        String comma = " ";
        for (String value : x.values()) {
          b.append(comma).append(code(value));
          comma = ", ";
        }
        separator = "; ";
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** Inline code that survives backticks in the text. */
  static String code(String text) {
    String t = oneLine(text);
    if (t.isEmpty()) {
      return "(empty)";
    }
    if (t.indexOf('`') < 0) {
      return "`" + t + "`";
    }
    int longest = 0;
    int run = 0;
    for (int i = 0; i < t.length(); i++) {
      run = t.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    return fence + " " + t + " " + fence;
  }

  private static String oneLine(String text) {
    return text.indexOf('\n') < 0 && text.indexOf('\r') < 0
        ? text
        : text.replace("\r", " ").replace("\n", " ");
  }

  static String plural(long count, String noun) {
    return count + " " + (count == 1 ? noun : noun + "s");
  }

  private ObjectNode json(
      String source, int kept, int withExamples, Dropped dropped, int budget, int tokens) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", source);
    root.put("lines", lines);
    root.put("events", records);
    root.put("templates", events.size());
    Optional<String> from = first.map(Seen::time).filter(t -> !t.isEmpty());
    if (from.isPresent()) {
      ObjectNode range = root.putObject("time_range");
      range.put("from", from.get());
      range.put("to", last.get().time());
    } else {
      root.putNull("time_range");
    }
    root.put("recent_events", recentRecords);
    root.put("budget_tokens", budget);
    root.put("markdown_tokens", tokens);
    ArrayNode items = root.putArray("items");
    for (int i = 0; i < kept; i++) {
      Event e = events.get(i);
      ObjectNode item = items.addObject();
      item.put("rank", i + 1);
      item.put("category", e.category().id());
      item.put("severity", e.severity().id());
      item.put("template", e.template());
      item.put("count", e.count());
      item.put("extra_lines", e.extraLines());
      seen(item.putObject("first_seen"), e.first());
      seen(item.putObject("last_seen"), e.last());
      ObjectNode levels = item.putObject("levels");
      for (LogSeverity s : LogSeverity.values()) {
        levels.put(s.id(), e.levels().getOrDefault(s, 0L));
      }
      ArrayNode components = item.putArray("components");
      e.components().forEach(components::add);
      item.put("more_components", e.moreComponents());
      item.put("new", e.isNew());
      item.put("bursting", e.bursting());
      item.put("recent_count", e.recentCount());
      ArrayNode examples = item.putArray("examples");
      ArrayNode exceptions = item.putArray("exceptions");
      boolean shown = i < withExamples;
      if (shown) {
        e.exceptions().forEach(exceptions::add);
        for (Examples x : e.examples()) {
          ObjectNode example = examples.addObject();
          example.put("wildcard", x.wildcard());
          ArrayNode values = example.putArray("values");
          x.values().forEach(values::add);
        }
      }
      item.put(
          "examples_left_out", !shown && !(e.examples().isEmpty() && e.exceptions().isEmpty()));
    }
    ObjectNode left = root.putObject("dropped");
    left.put("templates", dropped.templates());
    left.put("lines", dropped.lines());
    left.put("errors", dropped.errors());
    left.put("warnings", dropped.warnings());
    left.put("info", dropped.info());
    left.put("examples_left_out", dropped.examplesLeftOut());
    return root;
  }

  private static void seen(ObjectNode node, Seen seen) {
    node.put("line", seen.line());
    if (seen.time().isEmpty()) {
      node.putNull("time");
    } else {
      node.put("time", seen.time());
    }
  }
}
