package dev.warden.core.event;

import static dev.warden.core.event.Checks.copy;
import static dev.warden.core.event.Checks.orEmpty;
import static dev.warden.core.event.Checks.requireNonNull;
import static dev.warden.core.event.Checks.requireText;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A notification about one alert group, as Alertmanager and Grafana send it: the group's key, its
 * overall status, and its alerts (firing and resolved may be mixed). Labels identify; annotations
 * are untrusted free text.
 *
 * @param receiver the receiver in the sender's configuration that produced this notification
 * @param groupKey identifies the group across notifications (the natural key for a thread)
 * @param status firing if any alert in the notification fires
 * @param alerts the alerts in this notification, never empty
 * @param groupLabels the labels the sender grouped by
 * @param commonLabels labels shared by every alert
 * @param commonAnnotations annotations shared by every alert
 * @param externalUrl link back to the sender
 * @param truncatedAlerts alerts the sender left out because of its {@code max_alerts}
 */
public record AlertGroupEvent(
    String receiver,
    String groupKey,
    Status status,
    List<Alert> alerts,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalUrl,
    int truncatedAlerts)
    implements Event {

  /** Whether an alert (or a group) is firing. */
  public enum Status {
    FIRING,
    RESOLVED
  }

  /**
   * One alert of the group.
   *
   * @param fingerprint the sender's stable hash of the label set
   * @param status firing or resolved
   * @param labels the alert's identity; always has {@code alertname}
   * @param annotations free text (summary, description, runbook_url): untrusted
   * @param startsAt when it started firing
   * @param endsAt when it resolved, absent while firing
   * @param generatorUrl link to the rule or graph that produced it, empty if none
   */
  public record Alert(
      String fingerprint,
      Status status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Optional<Instant> endsAt,
      String generatorUrl) {

    public Alert {
      requireText(fingerprint, "fingerprint");
      requireNonNull(status, "status");
      labels = copy(labels);
      annotations = copy(annotations);
      requireNonNull(startsAt, "startsAt");
      endsAt = endsAt == null ? Optional.empty() : endsAt;
      generatorUrl = orEmpty(generatorUrl);
    }

    /** The {@code alertname} label. */
    public String name() {
      return labels.getOrDefault("alertname", "");
    }
  }

  public AlertGroupEvent {
    receiver = orEmpty(receiver);
    requireText(groupKey, "groupKey");
    requireNonNull(status, "status");
    alerts = List.copyOf(requireNonNull(alerts, "alerts"));
    if (alerts.isEmpty()) {
      throw new IllegalArgumentException("alerts must not be empty");
    }
    groupLabels = copy(groupLabels);
    commonLabels = copy(commonLabels);
    commonAnnotations = copy(commonAnnotations);
    externalUrl = orEmpty(externalUrl);
    if (truncatedAlerts < 0) {
      throw new IllegalArgumentException("truncatedAlerts must be >= 0, was " + truncatedAlerts);
    }
  }

  /** How many alerts of this notification are firing. */
  public long firingCount() {
    return alerts.stream().filter(alert -> alert.status() == Status.FIRING).count();
  }

  @Override
  public String type() {
    return "alert_group." + status.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String summary() {
    String name = commonLabels.getOrDefault("alertname", alerts.get(0).name());
    return name
        + " "
        + status.name().toLowerCase(Locale.ROOT)
        + " ("
        + firingCount()
        + " of "
        + alerts.size()
        + " firing) "
        + groupLabels;
  }
}
