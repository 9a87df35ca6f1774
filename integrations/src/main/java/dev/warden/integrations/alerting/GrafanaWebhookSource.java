package dev.warden.integrations.alerting;

import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.WebhookSource;
import dev.warden.core.integration.Availability;
import org.springframework.stereotype.Component;

/**
 * Grafana Alerting webhook contact point notifications (payload version 1: Alertmanager's shape
 * with Grafana's additions). The legacy pre-unified-alerting format is rejected with a clear 400.
 */
@Component
class GrafanaWebhookSource implements WebhookSource {
  private final Credentials credentials;

  GrafanaWebhookSource(AlertingProperties properties) {
    this.credentials = new Credentials(properties);
  }

  @Override
  public Source source() {
    return Source.GRAFANA;
  }

  @Override
  public Availability availability() {
    return credentials.availability("/webhooks/grafana");
  }

  @Override
  public Authentication authenticate(Delivery delivery) {
    return credentials.check(delivery);
  }

  @Override
  public Decoded decode(Delivery delivery) {
    return AlertGroupPayload.decode(delivery.body(), "Grafana", "1");
  }
}
