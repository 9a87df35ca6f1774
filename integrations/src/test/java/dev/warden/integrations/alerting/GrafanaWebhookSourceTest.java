package dev.warden.integrations.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.event.Source;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Headers;
import dev.warden.core.intake.MalformedPayloadException;
import dev.warden.core.testing.SharedFixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaWebhookSourceTest {
  private final GrafanaWebhookSource source =
      new GrafanaWebhookSource(new AlertingProperties("t", null, null, null));

  @Test
  void decodesGrafanasDocumentedNotificationWithOffsetTimes() {
    var group = decode("grafana/webhook.firing.doc-example.json");

    assertThat(group.receiver()).isEqualTo("My Super Webhook");
    assertThat(group.status()).isEqualTo(Status.FIRING);
    var first = group.alerts().get(0);
    assertThat(first.name()).isEqualTo("High memory usage");
    assertThat(first.fingerprint()).isEqualTo("c6eadffa33fcdf37");
    assertThat(first.startsAt()).isEqualTo(Instant.parse("2021-10-12T07:51:03.157076Z"));
    assertThat(first.endsAt()).isEmpty();
  }

  @Test
  void theResolvedNotificationIsANewEvent() {
    var firing =
        (Decoded.Delivered) source.decode(delivery("grafana/webhook.firing.doc-example.json"));
    var resolved =
        (Decoded.Delivered) source.decode(delivery("grafana/webhook.resolved.derived.json"));

    assertThat(((AlertGroupEvent) resolved.event()).status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.dedupKey()).isNotEqualTo(firing.dedupKey());
  }

  @Test
  void rejectsTheLegacyFormatWithAClearMessage() {
    assertThatThrownBy(
            () -> source.decode(delivery("grafana/legacy-webhook.test-notification.json")))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("legacy");
  }

  @Test
  void rejectsAnAlertmanagerBodySentToTheGrafanaEndpoint() {
    assertThatThrownBy(() -> source.decode(delivery("alertmanager/03-grouped-firing.json")))
        .hasMessage("Unsupported Grafana payload version \"4\"; expected \"1\"");
  }

  private AlertGroupEvent decode(String fixture) {
    return (AlertGroupEvent) ((Decoded.Delivered) source.decode(delivery(fixture))).event();
  }

  private static Delivery delivery(String fixture) {
    return new Delivery(Source.GRAFANA, Headers.of(Map.of()), SharedFixtures.bytes(fixture));
  }
}
