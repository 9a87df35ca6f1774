package dev.warden.core.event;

import static dev.warden.core.event.Checks.orEmpty;
import static dev.warden.core.event.Checks.requireNonNull;
import static dev.warden.core.event.Checks.requireText;

import java.time.Instant;
import java.util.Locale;

/**
 * An incident at an on-call service changed: triggered, acknowledged, resolved, reassigned, ...
 *
 * @param eventId the sender's id for this change (unique per change)
 * @param incidentId the incident's id
 * @param change what happened
 * @param title the incident's title (untrusted)
 * @param status the incident's status after the change, empty if the sender did not say
 * @param urgency {@code high} or {@code low}, empty if unknown
 * @param service the affected service's name, empty if unknown
 * @param url the incident's page
 * @param occurredAt when the change happened
 */
public record IncidentEvent(
    String eventId,
    String incidentId,
    Change change,
    String title,
    String status,
    String urgency,
    String service,
    String url,
    Instant occurredAt)
    implements Event {

  /** The incident changes Warden distinguishes. */
  public enum Change {
    TRIGGERED,
    ACKNOWLEDGED,
    UNACKNOWLEDGED,
    RESOLVED,
    REOPENED,
    REASSIGNED,
    ESCALATED,
    DELEGATED,
    PRIORITY_UPDATED,
    ANNOTATED,
    RESPONDER_ADDED,
    STATUS_UPDATE_PUBLISHED
  }

  public IncidentEvent {
    requireText(eventId, "eventId");
    requireText(incidentId, "incidentId");
    requireNonNull(change, "change");
    title = orEmpty(title);
    status = orEmpty(status);
    urgency = orEmpty(urgency);
    service = orEmpty(service);
    url = orEmpty(url);
    requireNonNull(occurredAt, "occurredAt");
  }

  @Override
  public String type() {
    return "incident." + change.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String summary() {
    return "incident " + incidentId + " " + change.name().toLowerCase(Locale.ROOT) + ": " + title;
  }
}
