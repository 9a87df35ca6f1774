package dev.warden.integrations.alerting;

import dev.warden.core.event.Event;
import dev.warden.core.event.IncidentEvent;
import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.MalformedPayloadException;
import dev.warden.core.intake.PayloadSchema;
import dev.warden.core.intake.Signatures;
import dev.warden.core.intake.WebhookSource;
import dev.warden.core.integration.Availability;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty v3 webhooks. Authentic when any {@code v1=} entry of {@code X-PagerDuty-Signature}
 * (several appear while a secret rotates) is the hex HMAC-SHA256 of the raw body under {@code
 * warden.alerting.pagerduty-secret}. The de-duplication key is the event's id, which PagerDuty
 * keeps across its retries.
 */
@Component
class PagerDutyWebhookSource implements WebhookSource {
  static final String SIGNATURE = "X-PagerDuty-Signature";
  private static final PayloadSchema SCHEMA =
      PayloadSchema.load(PagerDutyWebhookSource.class, "pagerduty-v3.schema.json");

  private final AlertingProperties properties;

  PagerDutyWebhookSource(AlertingProperties properties) {
    this.properties = properties;
  }

  @Override
  public Source source() {
    return Source.PAGERDUTY;
  }

  @Override
  public Availability availability() {
    return properties.hasPagerdutySecret()
        ? Availability.enabled("webhook intake at /webhooks/pagerduty")
        : Availability.disabled("no warden.alerting.pagerduty-secret");
  }

  @Override
  public Authentication authenticate(Delivery delivery) {
    Optional<String> header = delivery.headers().get(SIGNATURE);
    if (header.isEmpty()) {
      return Authentication.rejected("missing " + SIGNATURE + " header");
    }
    byte[] expected = Signatures.hmacSha256(properties.pagerdutySecret(), delivery.body());
    boolean anyV1 = false;
    boolean match = false;
    for (String entry : header.get().split(",")) {
      String signature = entry.trim();
      if (signature.startsWith("v1=")) {
        anyV1 = true;
        // check every entry, so timing does not tell which one matched
        match |= Signatures.hexMatches(signature.substring(3), expected);
      }
    }
    if (!anyV1) {
      return Authentication.rejected(SIGNATURE + " has no v1= signature");
    }
    return match
        ? Authentication.authentic()
        : Authentication.rejected(SIGNATURE + " does not match the body");
  }

  @Override
  public Decoded decode(Delivery delivery) {
    JsonNode event = SCHEMA.parse(delivery.body(), "PagerDuty v3 webhook").path("event");
    String id = event.path("id").asString();
    String type = event.path("event_type").asString();
    if (type.equals("pagey.ping")) {
      return new Decoded.Ping("pong: PagerDuty webhook subscription is set up");
    }
    return new Decoded.Delivered(id, toEvent(id, type, event));
  }

  private static Event toEvent(String id, String type, JsonNode event) {
    Optional<IncidentEvent.Change> change = change(type);
    if (change.isEmpty()) {
      return new OtherEvent(type, type + " " + event.path("data").path("summary").asString(""));
    }
    JsonNode data = event.path("data");
    // incident events carry the incident itself; notes, responders and status updates a reference
    boolean isIncident = data.path("type").asString("").equals("incident");
    JsonNode incident = isIncident ? data : data.path("incident");
    String incidentId = incident.path("id").asString("");
    if (incidentId.isEmpty()) {
      throw new MalformedPayloadException("$.event.data: " + type + " names no incident id");
    }
    return new IncidentEvent(
        id,
        incidentId,
        change.get(),
        isIncident ? incident.path("title").asString("") : incident.path("summary").asString(""),
        incident.path("status").asString(""),
        incident.path("urgency").asString(""),
        incident.path("service").path("summary").asString(""),
        incident.path("html_url").asString(""),
        time(event.path("occurred_at").asString()));
  }

  private static Optional<IncidentEvent.Change> change(String type) {
    if (!type.startsWith("incident.")) {
      return Optional.empty();
    }
    String name = type.substring("incident.".length()).replace('.', '_').toUpperCase(Locale.ROOT);
    try {
      return Optional.of(IncidentEvent.Change.valueOf(name));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  private static Instant time(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedPayloadException(
          "$.event.occurred_at: not an ISO-8601 time: \"" + value + "\"");
    }
  }
}
