package dev.warden.integrations.alerting;

import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Alert;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.MalformedPayloadException;
import dev.warden.core.intake.PayloadSchema;
import dev.warden.core.intake.Signatures;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The Alertmanager notification body (payload version 4), which Grafana Alerting reuses (version 1,
 * with additions Warden does not need). Maps it to an {@link AlertGroupEvent} with its
 * de-duplication key.
 *
 * <p>The key is the group key, the receiver, the status, and each alert's fingerprint, status and
 * start. Alertmanager re-sends an unchanged group at every {@code repeat_interval} and retries
 * failed sends: those are duplicates. Any change (an alert joins, one resolves) is new. The start
 * time is part of the key so that a group that resolved and later fires again, with the same alerts
 * and the same key, is a new event rather than a duplicate of the first firing.
 */
final class AlertGroupPayload {
  private static final PayloadSchema SCHEMA =
      PayloadSchema.load(AlertGroupPayload.class, "alert-group.schema.json");

  /** Go's zero time: what Alertmanager sends as {@code endsAt} while an alert fires. */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private AlertGroupPayload() {}

  static Decoded.Delivered decode(byte[] body, String sender, String expectedVersion) {
    JsonNode json = PayloadSchema.parseJson(body);
    if (json.has("evalMatches") || json.has("ruleName")) {
      throw new MalformedPayloadException(
          "This is Grafana's legacy (pre-8) alert notification format, which Warden does not"
              + " accept; use a Grafana Alerting webhook contact point");
    }
    SCHEMA.validate(json, sender + " webhook notification");
    String version = json.path("version").asString("");
    if (!version.equals(expectedVersion)) {
      throw new MalformedPayloadException(
          "Unsupported "
              + sender
              + " payload version \""
              + version
              + "\"; expected \""
              + expectedVersion
              + "\"");
    }
    List<Alert> alerts = new ArrayList<>();
    JsonNode items = json.path("alerts");
    for (int i = 0; i < items.size(); i++) {
      alerts.add(alert(items.get(i), "$.alerts[" + i + "]"));
    }
    var event =
        new AlertGroupEvent(
            json.path("receiver").asString(""),
            json.path("groupKey").asString(),
            status(json.path("status").asString(), "$.status"),
            alerts,
            strings(json.path("groupLabels")),
            strings(json.path("commonLabels")),
            strings(json.path("commonAnnotations")),
            json.path("externalURL").asString(""),
            json.path("truncatedAlerts").asInt(0));
    return new Decoded.Delivered(dedupKey(event), event);
  }

  static String dedupKey(AlertGroupEvent event) {
    var text = new StringBuilder();
    text.append(event.groupKey()).append('\n').append(event.receiver()).append('\n');
    text.append(event.status()).append('\n');
    event.alerts().stream()
        .sorted(Comparator.comparing(Alert::fingerprint))
        .forEach(
            alert ->
                text.append(alert.fingerprint())
                    .append(' ')
                    .append(alert.status())
                    .append(' ')
                    .append(alert.startsAt())
                    .append('\n'));
    return "group:" + Signatures.sha256Hex(text.toString());
  }

  private static Alert alert(JsonNode json, String path) {
    Instant endsAt = time(json.path("endsAt").asString(""), path + ".endsAt");
    return new Alert(
        json.path("fingerprint").asString(),
        status(json.path("status").asString(), path + ".status"),
        strings(json.path("labels")),
        strings(json.path("annotations")),
        time(json.path("startsAt").asString(), path + ".startsAt"),
        endsAt == null || endsAt.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(endsAt),
        json.path("generatorURL").asString(""));
  }

  private static Status status(String value, String path) {
    return switch (value) {
      case "firing" -> Status.FIRING;
      case "resolved" -> Status.RESOLVED;
      default ->
          throw new MalformedPayloadException(
              path + ": status must be firing or resolved, was \"" + value + "\"");
    };
  }

  private static Instant time(String value, String path) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedPayloadException(path + ": not an RFC 3339 time: \"" + value + "\"");
    }
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString("")));
    return map;
  }
}
