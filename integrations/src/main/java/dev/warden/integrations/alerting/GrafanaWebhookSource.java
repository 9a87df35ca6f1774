package dev.warden.integrations.alerting;

import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Signatures;
import dev.warden.core.intake.WebhookSource;
import dev.warden.core.integration.Availability;
import dev.warden.integrations.alerting.AlertingProperties.GrafanaSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Grafana Alerting webhook contact point notifications (payload version 1: Alertmanager's shape
 * with Grafana's additions). The legacy pre-unified-alerting format is rejected with a clear 400.
 * Authentic when the configured checks pass: the credential (as for Alertmanager) and, when a
 * signing secret is set, Grafana's HMAC signature.
 */
@Component
class GrafanaWebhookSource implements WebhookSource {
  private final AlertingProperties properties;
  private final Credentials credentials;
  private final GrafanaSignature signature;
  private final Clock clock;

  GrafanaWebhookSource(AlertingProperties properties, Clock clock) {
    this.properties = properties;
    this.credentials = new Credentials(properties);
    this.signature = properties.grafanaSignature();
    this.clock = clock;
  }

  @Override
  public Source source() {
    return Source.GRAFANA;
  }

  @Override
  public Availability availability() {
    if (!signature.enabled() && !hasCredential()) {
      return Availability.disabled(
          "no warden.alerting.token (or warden.alerting.username and warden.alerting.password,"
              + " or warden.alerting.grafana-signature.secret)");
    }
    return Availability.enabled(
        "webhook intake at /webhooks/grafana" + (signature.enabled() ? " (signed)" : ""));
  }

  @Override
  public Authentication authenticate(Delivery delivery) {
    if (signature.enabled()) {
      Authentication signed = checkSignature(delivery);
      if (signed instanceof Authentication.Rejected || !hasCredential()) {
        return signed;
      }
    }
    return credentials.check(delivery);
  }

  private boolean hasCredential() {
    return properties.hasToken() || properties.hasBasic();
  }

  private Authentication checkSignature(Delivery delivery) {
    Optional<String> given = delivery.headers().get(signature.header());
    if (given.isEmpty()) {
      return Authentication.rejected("missing " + signature.header() + " header");
    }
    byte[] expected;
    if (signature.hasTimestamp()) {
      Optional<String> timestamp = delivery.headers().get(signature.timestampHeader());
      if (timestamp.isEmpty()) {
        return Authentication.rejected("missing " + signature.timestampHeader() + " header");
      }
      Optional<String> stale = staleness(timestamp.get().trim());
      if (stale.isPresent()) {
        return Authentication.rejected(stale.get());
      }
      expected =
          Signatures.hmacSha256(
              signature.secret(),
              (timestamp.get().trim() + ":").getBytes(StandardCharsets.UTF_8),
              delivery.body());
    } else {
      expected = Signatures.hmacSha256(signature.secret(), delivery.body());
    }
    return Signatures.hexMatches(given.get(), expected)
        ? Authentication.authentic()
        : Authentication.rejected(signature.header() + " does not match the body");
  }

  /** Why the signed time is unacceptable, if it is. */
  private Optional<String> staleness(String timestamp) {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return Optional.of(signature.timestampHeader() + " is not a Unix time");
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    return skew.compareTo(signature.maxSkew()) > 0
        ? Optional.of(
            signature.timestampHeader()
                + " is "
                + skew.toSeconds()
                + " s from now, more than warden.alerting.grafana-signature.max-skew")
        : Optional.empty();
  }

  @Override
  public Decoded decode(Delivery delivery) {
    return AlertGroupPayload.decode(delivery.body(), "Grafana", "1");
  }
}
