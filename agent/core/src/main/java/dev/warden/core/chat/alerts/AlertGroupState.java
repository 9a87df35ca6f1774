package dev.warden.core.chat.alerts;

import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Warden knows of an alert group: every alert any notification reported (a later notification
 * that leaves one out does not forget it), the runs started for the group, and what the root
 * message shows. Immutable; {@link #merge} gives the state after a notification.
 *
 * <p>Notifications may be handled out of order (retries, several workers): each alert keeps the
 * arrival time of the notification that last reported it, and an older notification never
 * overwrites what a newer one said.
 *
 * @param alerts fingerprint to alert, sorted by fingerprint
 * @param groupLabels the labels the sender grouped by, from the newest notification
 * @param externalUrl the link back to the sender, from the newest notification
 * @param lastNotified when the newest notification arrived ({@link Instant#EPOCH}: none yet)
 * @param runs the runs started for the group's alerts, in the order they became known
 * @param shown a digest of the root message's content as last posted or updated; empty when unknown
 */
public record AlertGroupState(
    Map<String, TrackedAlert> alerts,
    Map<String, String> groupLabels,
    String externalUrl,
    Instant lastNotified,
    List<RunLine> runs,
    String shown) {

  /** The state before any notification. */
  public static final AlertGroupState EMPTY =
      new AlertGroupState(Map.of(), Map.of(), "", Instant.EPOCH, List.of(), "");

  private static final Comparator<TrackedAlert> DISPLAY_ORDER =
      Comparator.comparing(TrackedAlert::alertName)
          .thenComparing(TrackedAlert::startsAt)
          .thenComparing(TrackedAlert::fingerprint);

  public AlertGroupState {
    alerts = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(alerts, "alerts")));
    groupLabels = sorted(groupLabels);
    externalUrl = externalUrl == null ? "" : externalUrl;
    lastNotified = lastNotified == null ? Instant.EPOCH : lastNotified;
    runs = runs == null ? List.of() : List.copyOf(runs);
    shown = shown == null ? "" : shown;
  }

  /**
   * One alert of the group as last reported.
   *
   * @param fingerprint the sender's stable hash of its labels
   * @param status firing or resolved
   * @param labels its labels (untrusted values), sorted by name
   * @param annotations its annotations (untrusted free text), sorted by name
   * @param startsAt when it started firing
   * @param endsAt when it resolved, if the sender said
   * @param generatorUrl the sender's link to its rule or graph; empty if none
   * @param notifiedAt when the notification that last reported it arrived
   */
  public record TrackedAlert(
      String fingerprint,
      Status status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Optional<Instant> endsAt,
      String generatorUrl,
      Instant notifiedAt) {
    public TrackedAlert {
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(status, "status");
      labels = sorted(labels);
      annotations = sorted(annotations);
      Objects.requireNonNull(startsAt, "startsAt");
      endsAt = endsAt == null ? Optional.empty() : endsAt;
      generatorUrl = generatorUrl == null ? "" : generatorUrl;
      Objects.requireNonNull(notifiedAt, "notifiedAt");
    }

    static TrackedAlert of(AlertGroupEvent.Alert alert, Instant notifiedAt) {
      return new TrackedAlert(
          alert.fingerprint(),
          alert.status(),
          alert.labels(),
          alert.annotations(),
          alert.startsAt(),
          alert.endsAt(),
          alert.generatorUrl(),
          notifiedAt);
    }

    /** Its {@code alertname} label, or empty. */
    public String alertName() {
      return labels.getOrDefault("alertname", "");
    }

    /** Whether it fires. */
    public boolean firing() {
      return status == Status.FIRING;
    }

    TrackedAlert resolvedBy(Instant notifiedAt) {
      return new TrackedAlert(
          fingerprint,
          Status.RESOLVED,
          labels,
          annotations,
          startsAt,
          endsAt,
          generatorUrl,
          notifiedAt);
    }
  }

  /**
   * A run started for one of the group's alerts, as last heard of.
   *
   * @param runId the run's id
   * @param runbook the runbook's name
   * @param alertName the {@code alertname} of the alert it runs for (untrusted); empty if none
   * @param state where it stands
   * @param updatedAt when its state last changed
   * @param note why it ended, if it did (untrusted)
   */
  public record RunLine(
      String runId,
      String runbook,
      String alertName,
      RunState state,
      Instant updatedAt,
      Optional<String> note) {
    public RunLine {
      Objects.requireNonNull(runId, "runId");
      Objects.requireNonNull(runbook, "runbook");
      alertName = alertName == null ? "" : alertName;
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(updatedAt, "updatedAt");
      note = note == null ? Optional.empty() : note;
    }

    /** The line of a run as it is now. */
    public static RunLine of(Run run) {
      return new RunLine(
          run.id(),
          run.runbook(),
          run.labels().getOrDefault("alertname", ""),
          run.state(),
          run.updatedAt(),
          run.note());
    }
  }

  /** Firing while any alert fires; resolved otherwise. */
  public Status status() {
    return alerts.values().stream().anyMatch(TrackedAlert::firing)
        ? Status.FIRING
        : Status.RESOLVED;
  }

  /** The firing alerts, by name, start and fingerprint. */
  public List<TrackedAlert> firing() {
    return alerts.values().stream().filter(TrackedAlert::firing).sorted(DISPLAY_ORDER).toList();
  }

  /** The resolved alerts, by name, start and fingerprint. */
  public List<TrackedAlert> resolved() {
    return alerts.values().stream().filter(alert -> !alert.firing()).sorted(DISPLAY_ORDER).toList();
  }

  /** Every alert, firing ones first, each part by name, start and fingerprint. */
  public List<TrackedAlert> shownAlerts() {
    List<TrackedAlert> all = new ArrayList<>(firing());
    all.addAll(resolved());
    return all;
  }

  /** When the earliest firing alert started; empty when none fires. */
  public Optional<Instant> since() {
    return firing().stream().map(TrackedAlert::startsAt).min(Comparator.naturalOrder());
  }

  /** The labels (name and value) every alert of the group has. */
  public Map<String, String> commonLabels() {
    Map<String, String> common = null;
    for (TrackedAlert alert : alerts.values()) {
      if (common == null) {
        common = new TreeMap<>(alert.labels());
      } else {
        common
            .entrySet()
            .removeIf(entry -> !entry.getValue().equals(alert.labels().get(entry.getKey())));
      }
    }
    return common == null ? Map.of() : Collections.unmodifiableMap(common);
  }

  /**
   * The alert {@code runbook} is for: the first firing alert it matches, or else the first resolved
   * one (a runbook may be planned after the fact); empty when it matches none of the group's.
   */
  public Optional<AlertInput> alertFor(Runbook runbook) {
    return firing().stream()
        .filter(alert -> runbook.matches(alert.labels()))
        .findFirst()
        .or(() -> resolved().stream().filter(alert -> runbook.matches(alert.labels())).findFirst())
        .map(alert -> new AlertInput(alert.labels(), alert.annotations()));
  }

  /** The line of a run, if the group knows it. */
  public Optional<RunLine> run(String runId) {
    return runs.stream().filter(line -> line.runId().equals(runId)).findFirst();
  }

  /**
   * The state after a notification that arrived at {@code receivedAt}. Alerts the notification
   * reports are added or replaced (unless a newer notification reported them already); alerts it
   * leaves out are kept. A resolved notification that lists the whole group (nothing truncated)
   * resolves every alert it leaves out too, since the sender resolves a group only when none of its
   * alerts fires.
   */
  public AlertGroupState merge(AlertGroupEvent event, Instant receivedAt) {
    Objects.requireNonNull(receivedAt, "receivedAt");
    boolean newest = !receivedAt.isBefore(lastNotified);
    Map<String, TrackedAlert> merged = new TreeMap<>(alerts);
    for (AlertGroupEvent.Alert alert : event.alerts()) {
      TrackedAlert known = merged.get(alert.fingerprint());
      if (known == null || !receivedAt.isBefore(known.notifiedAt())) {
        merged.put(alert.fingerprint(), TrackedAlert.of(alert, receivedAt));
      }
    }
    if (event.status() == Status.RESOLVED && event.truncatedAlerts() == 0) {
      merged.replaceAll(
          (fingerprint, alert) ->
              alert.firing() && alert.notifiedAt().isBefore(receivedAt)
                  ? alert.resolvedBy(receivedAt)
                  : alert);
    }
    return new AlertGroupState(
        merged,
        newest || groupLabels.isEmpty() ? event.groupLabels() : groupLabels,
        newest || externalUrl.isEmpty() ? event.externalUrl() : externalUrl,
        newest ? receivedAt : lastNotified,
        runs,
        shown);
  }

  /**
   * Whether a notification that arrived at {@code receivedAt} starts the group anew: the group is
   * resolved, the notification is newer than any before, and an alert in it fires that the group
   * did not know or that started again since.
   */
  public boolean reopenedBy(AlertGroupEvent event, Instant receivedAt) {
    if (status() != Status.RESOLVED || !receivedAt.isAfter(lastNotified)) {
      return false;
    }
    return event.alerts().stream()
        .filter(alert -> alert.status() == Status.FIRING)
        .anyMatch(
            alert -> {
              TrackedAlert known = alerts.get(alert.fingerprint());
              return known == null || alert.startsAt().isAfter(known.startsAt());
            });
  }

  /**
   * The state with a run's line added, or replaced when the run's state changed. A line never goes
   * back: a report of the state it has, an older report (by its time, and a proposed run at the
   * same time as a later state), or any report after the run ended leave the state as it is.
   */
  public AlertGroupState withRun(RunLine line) {
    Optional<RunLine> known = run(line.runId());
    if (known.isPresent() && stale(known.get(), line)) {
      return this;
    }
    List<RunLine> lines = new ArrayList<>(runs);
    if (known.isPresent()) {
      lines.set(lines.indexOf(known.get()), line);
    } else {
      lines.add(line);
    }
    return new AlertGroupState(alerts, groupLabels, externalUrl, lastNotified, lines, shown);
  }

  private static boolean stale(RunLine known, RunLine line) {
    return known.state() == line.state()
        || known.state().terminal()
        || line.updatedAt().isBefore(known.updatedAt())
        || (line.state() == RunState.PROPOSED && !line.updatedAt().isAfter(known.updatedAt()));
  }

  /** The state with a new digest of what the root message shows. */
  public AlertGroupState withShown(String digest) {
    return new AlertGroupState(alerts, groupLabels, externalUrl, lastNotified, runs, digest);
  }

  private static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
