package dev.warden.core.chat.alerts;

import dev.warden.core.chat.Block;
import dev.warden.core.chat.ChatActions;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.alerts.AlertGroupState.RunLine;
import dev.warden.core.chat.alerts.AlertGroupState.TrackedAlert;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.intake.Signatures;
import dev.warden.core.runbook.Runbook;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The messages of an alert thread: the root (what the group is now), the first reply (every alert's
 * labels and annotations), a reply per change of the group, and a reply per change of a run. Every
 * untrusted value goes through {@link Markup}. Deterministic: the same state and runbooks give the
 * same message, so that a digest of the root tells whether it must be updated.
 */
final class AlertMessages {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  // within Slack's limits: 50 blocks a message, 3000 characters a section, 75 a button label
  private static final int MAX_NAMES = 5;
  private static final int MAX_TEXTS = 3;
  private static final int MAX_RUNBOOKS = 8;
  private static final int MAX_RUNS = 10;
  private static final int MAX_DETAILED_ALERTS = 20;
  private static final int MAX_CHANGED_ALERTS = 10;
  private static final int MAX_LABELS = 15;
  private static final int MAX_ANNOTATIONS = 6;
  private static final int NAME_LENGTH = 100;
  private static final int LABEL_LENGTH = 120;
  private static final int SUMMARY_LENGTH = 300;
  private static final int ANNOTATION_LENGTH = 400;
  private static final int SECTION_LENGTH = 2900;

  private AlertMessages() {}

  /** The root message of a thread. */
  static ChatMessage root(String threadId, AlertGroupState state, List<Runbook> runbooks) {
    Status status = state.status();
    List<TrackedAlert> firing = state.firing();
    String names = names(state.shownAlerts());
    String counts = firing.size() + " firing, " + state.resolved().size() + " resolved";
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Block.Section("*" + status.name() + "* · *" + names + "* · " + counts));
    texts(state).ifPresent(text -> blocks.add(new Block.Section(text)));
    blocks.add(new Block.Context(context(state)));
    if (status == Status.FIRING) {
      List<Runbook> matching = matching(state, runbooks);
      for (Runbook runbook : matching.subList(0, Math.min(MAX_RUNBOOKS, matching.size()))) {
        blocks.add(new Block.Section(runbookLine(runbook, state.runs())));
        String value = threadId + " " + runbook.name();
        blocks.add(
            new Block.Actions(
                List.of(
                    new Block.Button(ChatActions.RUNBOOK_PLAN, "Plan", value, Block.Style.DEFAULT),
                    new Block.Button(ChatActions.RUNBOOK_RUN, "Run", value, Block.Style.PRIMARY))));
      }
      if (matching.size() > MAX_RUNBOOKS) {
        blocks.add(
            new Block.Context(
                (matching.size() - MAX_RUNBOOKS) + " more matching runbooks are not shown"));
      }
    }
    runsSection(state, runbooks).ifPresent(text -> blocks.add(new Block.Section(text)));
    return new ChatMessage(status.name() + ": " + names + " (" + counts + ")", blocks);
  }

  /** The first reply: each alert with its labels and annotations. */
  static ChatMessage details(AlertGroupState state) {
    List<TrackedAlert> alerts = state.shownAlerts();
    List<Block> blocks = new ArrayList<>();
    for (TrackedAlert alert : alerts.subList(0, Math.min(MAX_DETAILED_ALERTS, alerts.size()))) {
      blocks.add(new Block.Section(detail(alert)));
    }
    if (alerts.size() > MAX_DETAILED_ALERTS) {
      blocks.add(
          new Block.Context((alerts.size() - MAX_DETAILED_ALERTS) + " more alerts are not shown"));
    }
    return new ChatMessage("The alerts of this group, with their labels and annotations", blocks);
  }

  /** A reply saying what a notification changed: alerts that joined, resolved or fire again. */
  static Optional<ChatMessage> changes(AlertGroupState before, AlertGroupState after) {
    Map<String, String> common = after.commonLabels();
    List<TrackedAlert> joined = new ArrayList<>();
    List<TrackedAlert> resolved = new ArrayList<>();
    List<TrackedAlert> refired = new ArrayList<>();
    for (TrackedAlert alert : after.shownAlerts()) {
      TrackedAlert known = before.alerts().get(alert.fingerprint());
      if (known == null) {
        (alert.firing() ? joined : resolved).add(alert);
      } else if (known.firing() && !alert.firing()) {
        resolved.add(alert);
      } else if (!known.firing() && alert.firing()) {
        refired.add(alert);
      }
    }
    List<Block> blocks = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    changed("joined", joined, common, blocks, summary);
    changed("resolved", resolved, common, blocks, summary);
    changed("firing again", refired, common, blocks, summary);
    if (before.status() != after.status()) {
      String now =
          after.status() == Status.RESOLVED ? "The group is resolved." : "The group fires again.";
      blocks.add(new Block.Section("*" + now + "*"));
      summary.add(now);
    }
    return blocks.isEmpty()
        ? Optional.empty()
        : Optional.of(new ChatMessage(String.join(" ", summary), blocks));
  }

  /** A reply saying where a run stands now. */
  static ChatMessage run(RunLine line) {
    String text =
        "Runbook "
            + Markup.code(line.runbook(), NAME_LENGTH)
            + forAlert(line)
            + ": *"
            + line.state().wireName()
            + "*"
            + line.note().map(note -> " (" + Markup.inline(note, SUMMARY_LENGTH) + ")").orElse("");
    return new ChatMessage(
        "Runbook " + Markup.inline(line.runbook(), NAME_LENGTH) + ": " + line.state().wireName(),
        List.of(new Block.Section(text)));
  }

  /** A digest of a message's content: equal digests, equal messages. */
  static String digest(ChatMessage message) {
    return Signatures.sha256Hex(message.toString());
  }

  /** The runbooks that match any firing alert, by name. */
  static List<Runbook> matching(AlertGroupState state, List<Runbook> runbooks) {
    List<TrackedAlert> firing = state.firing();
    return runbooks.stream()
        .filter(runbook -> firing.stream().anyMatch(alert -> runbook.matches(alert.labels())))
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .toList();
  }

  private static String names(List<TrackedAlert> alerts) {
    Set<String> names = new LinkedHashSet<>();
    for (TrackedAlert alert : alerts) {
      names.add(alert.alertName().isBlank() ? "(no alertname)" : alert.alertName());
    }
    List<String> shown =
        names.stream().limit(MAX_NAMES).map(n -> Markup.inline(n, NAME_LENGTH)).toList();
    String more = names.size() > MAX_NAMES ? " and " + (names.size() - MAX_NAMES) + " more" : "";
    return String.join(", ", shown) + more;
  }

  /** The distinct summaries and descriptions, firing alerts' first. */
  private static Optional<String> texts(AlertGroupState state) {
    List<String> lines = new ArrayList<>();
    for (String key : List.of("summary", "description", "message")) {
      Set<String> values = new LinkedHashSet<>();
      for (TrackedAlert alert : state.shownAlerts()) {
        String value = alert.annotations().get(key);
        if (value != null && !value.isBlank()) {
          values.add(value);
        }
      }
      values.stream()
          .limit(MAX_TEXTS)
          .forEach(value -> lines.add("> " + Markup.inline(value, SUMMARY_LENGTH)));
      if (values.size() > MAX_TEXTS) {
        lines.add("> (" + (values.size() - MAX_TEXTS) + " more " + key + " texts in the thread)");
      }
    }
    return lines.isEmpty() ? Optional.empty() : Optional.of(fit(String.join("\n", lines)));
  }

  private static String context(AlertGroupState state) {
    List<String> parts = new ArrayList<>();
    Map<String, String> common = new TreeMap<>(state.commonLabels());
    common.remove("alertname");
    if (!common.isEmpty()) {
      parts.add(Markup.labels(limit(common), LABEL_LENGTH));
    }
    state.since().ifPresent(since -> parts.add("since " + TIME.format(since)));
    Markup.link(state.externalUrl(), "alert manager").ifPresent(parts::add);
    state.shownAlerts().stream()
        .map(TrackedAlert::generatorUrl)
        .filter(url -> !url.isBlank())
        .findFirst()
        .flatMap(url -> Markup.link(url, "source"))
        .ifPresent(parts::add);
    return fit(String.join(" · ", parts));
  }

  private static String runbookLine(Runbook runbook, List<RunLine> runs) {
    StringBuilder text = new StringBuilder("Runbook " + Markup.code(runbook.name(), NAME_LENGTH));
    if (!runbook.description().isBlank()) {
      text.append(" — ").append(Markup.inline(runbook.description(), SUMMARY_LENGTH));
    }
    runs.stream()
        .filter(line -> line.runbook().equals(runbook.name()))
        .limit(MAX_RUNS)
        .forEach(
            line ->
                text.append("\n• run")
                    .append(forAlert(line))
                    .append(": *")
                    .append(line.state().wireName())
                    .append('*'));
    return fit(text.toString());
  }

  /** The runs of runbooks that are not shown with buttons (no longer matching, or resolved). */
  private static Optional<String> runsSection(AlertGroupState state, List<Runbook> runbooks) {
    Set<String> shown =
        state.status() == Status.FIRING
            ? matching(state, runbooks).stream()
                .limit(MAX_RUNBOOKS)
                .map(Runbook::name)
                .collect(Collectors.toSet())
            : Set.of();
    List<String> lines =
        state.runs().stream()
            .filter(line -> !shown.contains(line.runbook()))
            .limit(MAX_RUNS)
            .map(
                line ->
                    "• "
                        + Markup.code(line.runbook(), NAME_LENGTH)
                        + forAlert(line)
                        + ": *"
                        + line.state().wireName()
                        + "*")
            .toList();
    return lines.isEmpty()
        ? Optional.empty()
        : Optional.of(fit("*Runs*\n" + String.join("\n", lines)));
  }

  private static String detail(TrackedAlert alert) {
    StringBuilder text = new StringBuilder();
    text.append('*')
        .append(
            Markup.inline(
                alert.alertName().isBlank() ? "(no alertname)" : alert.alertName(), NAME_LENGTH))
        .append("* ")
        .append(alert.status().name())
        .append(" since ")
        .append(TIME.format(alert.startsAt()));
    alert.endsAt().ifPresent(end -> text.append(", ended ").append(TIME.format(end)));
    Markup.link(alert.generatorUrl(), "source").ifPresent(link -> text.append(" · ").append(link));
    text.append('\n').append(Markup.labels(limit(alert.labels()), LABEL_LENGTH));
    alert.annotations().entrySet().stream()
        .limit(MAX_ANNOTATIONS)
        .forEach(
            entry ->
                text.append("\n*")
                    .append(Markup.inline(entry.getKey(), NAME_LENGTH))
                    .append("*: ")
                    .append(Markup.inline(entry.getValue(), ANNOTATION_LENGTH)));
    return fit(text.toString());
  }

  private static void changed(
      String what,
      List<TrackedAlert> alerts,
      Map<String, String> common,
      List<Block> blocks,
      List<String> summary) {
    if (alerts.isEmpty()) {
      return;
    }
    String title = alerts.size() + (alerts.size() == 1 ? " alert " : " alerts ") + what;
    List<String> lines = new ArrayList<>();
    lines.add("*" + title + "*");
    for (TrackedAlert alert : alerts.subList(0, Math.min(MAX_CHANGED_ALERTS, alerts.size()))) {
      Map<String, String> own = new TreeMap<>(alert.labels());
      own.keySet().removeAll(common.keySet());
      own.remove("alertname");
      lines.add(
          "• "
              + Markup.inline(alert.alertName(), NAME_LENGTH)
              + (own.isEmpty() ? "" : " " + Markup.labels(limit(own), LABEL_LENGTH)));
    }
    if (alerts.size() > MAX_CHANGED_ALERTS) {
      lines.add("• and " + (alerts.size() - MAX_CHANGED_ALERTS) + " more");
    }
    blocks.add(new Block.Section(fit(String.join("\n", lines))));
    summary.add(title + ".");
  }

  private static String forAlert(RunLine line) {
    return line.alertName().isBlank() ? "" : " for " + Markup.inline(line.alertName(), NAME_LENGTH);
  }

  private static Map<String, String> limit(Map<String, String> labels) {
    Map<String, String> limited = new TreeMap<>();
    labels.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .limit(MAX_LABELS)
        .forEach(entry -> limited.put(entry.getKey(), entry.getValue()));
    return limited;
  }

  /** A section's text within the limit, cut at a line end where there is one. */
  private static String fit(String text) {
    if (text.length() <= SECTION_LENGTH) {
      return text;
    }
    int cut = text.lastIndexOf('\n', SECTION_LENGTH);
    return (cut > 0 ? text.substring(0, cut) : text.substring(0, SECTION_LENGTH)) + "\n…";
  }
}
