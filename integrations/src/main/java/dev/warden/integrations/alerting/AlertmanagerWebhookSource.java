package dev.warden.integrations.alerting;

import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.WebhookSource;
import dev.warden.core.integration.Availability;
import org.springframework.stereotype.Component;

/** Prometheus Alertmanager webhook notifications (payload version 4). */
@Component
public class AlertmanagerWebhookSource implements WebhookSource {
  private final Credentials credentials;

  public AlertmanagerWebhookSource(AlertingProperties properties) {
    this.credentials = new Credentials(properties);
  }

  @Override
  public Source source() {
    return Source.ALERTMANAGER;
  }

  @Override
  public Availability availability() {
    return credentials.availability("/webhooks/alertmanager");
  }

  @Override
  public Authentication authenticate(Delivery delivery) {
    return credentials.check(delivery);
  }

  @Override
  public Decoded decode(Delivery delivery) {
    return AlertGroupPayload.decode(delivery.body(), "Alertmanager", "4");
  }
}
