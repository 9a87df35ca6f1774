package dev.warden.integrations.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Headers;
import dev.warden.core.intake.MalformedPayloadException;
import dev.warden.core.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class GrafanaWebhookSourceTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1634025063 + 60), ZoneOffset.UTC);

  private final GrafanaWebhookSource source =
      new GrafanaWebhookSource(new AlertingProperties("t", null, null, null), CLOCK);

  static Stream<JsonNode> signatureCases() {
    return SharedFixtures.json("grafana/webhook.hmac-vectors.json").path("cases").valueStream();
  }

  /**
   * A source requiring Grafana's signature (with the vectors' timestamp header if the case has
   * one).
   */
  private static GrafanaWebhookSource signed(
      JsonNode vectors, String timestampHeader, String token) {
    var signature =
        new AlertingProperties.GrafanaSignature(
            vectors.path("secret").asString(),
            "X-Grafana-Alerting-Signature",
            timestampHeader,
            Duration.ofMinutes(5));
    return new GrafanaWebhookSource(
        new AlertingProperties(token, null, null, null, signature), CLOCK);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatureCases")
  void verifiesTheSignatureVectors(JsonNode testCase) {
    JsonNode vectors = SharedFixtures.json("grafana/webhook.hmac-vectors.json");
    byte[] body = SharedFixtures.bytes("grafana/" + vectors.path("body_file").asString());
    if (testCase.has("body_mutation")) {
      body =
          new String(body, StandardCharsets.UTF_8)
              .replaceFirst("firing", "resolved")
              .getBytes(StandardCharsets.UTF_8);
    }
    Map<String, String> headers = new HashMap<>();
    testCase
        .path("headers")
        .properties()
        .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
    var source = signed(vectors, testCase.path("timestamp_header").asString(null), null);

    var result = source.authenticate(new Delivery(Source.GRAFANA, Headers.of(headers), body));

    assertThat(result instanceof Authentication.Authentic)
        .as(testCase.path("name").asString())
        .isEqualTo(testCase.path("expect_valid").asBoolean(true));
  }

  @Test
  void rejectsASignedTimestampOutsideTheAllowedSkew() {
    JsonNode vectors = SharedFixtures.json("grafana/webhook.hmac-vectors.json");
    byte[] body = SharedFixtures.bytes("grafana/" + vectors.path("body_file").asString());
    var source = signed(vectors, "X-Grafana-Alerting-Timestamp", null);
    var stale =
        new GrafanaWebhookSource(
            new AlertingProperties(
                null,
                null,
                null,
                null,
                new AlertingProperties.GrafanaSignature(
                    vectors.path("secret").asString(),
                    "X-Grafana-Alerting-Signature",
                    "X-Grafana-Alerting-Timestamp",
                    Duration.ofSeconds(30))),
            CLOCK);
    var headers =
        Headers.of(
            Map.of(
                "X-Grafana-Alerting-Timestamp", "1634025063",
                "X-Grafana-Alerting-Signature",
                    "891e5eab0cbe9bf452b9b4f4b8cf38e07595d4fa8f80990e68dccd83da27aef0"));

    assertThat(source.authenticate(new Delivery(Source.GRAFANA, headers, body)))
        .isInstanceOf(Authentication.Authentic.class);
    assertThat(stale.authenticate(new Delivery(Source.GRAFANA, headers, body)))
        .isInstanceOfSatisfying(
            Authentication.Rejected.class, r -> assertThat(r.reason()).contains("max-skew"));
  }

  @Test
  void withASignatureAndACredentialBothAreRequired() {
    JsonNode vectors = SharedFixtures.json("grafana/webhook.hmac-vectors.json");
    byte[] body = SharedFixtures.bytes("grafana/" + vectors.path("body_file").asString());
    var source = signed(vectors, null, "t");
    String signature = "e278791f1213bac5ee13aeb1a253c12b53446c31f61ac119b85c2e2edc0b6e97";

    assertThat(
            source.authenticate(
                new Delivery(
                    Source.GRAFANA,
                    Headers.of(Map.of("X-Grafana-Alerting-Signature", signature)),
                    body)))
        .isEqualTo(Authentication.rejected("missing Authorization header"));
    assertThat(
            source.authenticate(
                new Delivery(
                    Source.GRAFANA,
                    Headers.of(
                        Map.of(
                            "X-Grafana-Alerting-Signature",
                            signature,
                            "Authorization",
                            "Bearer t")),
                    body)))
        .isInstanceOf(Authentication.Authentic.class);
    assertThat(source.availability().detail()).endsWith("(signed)");
  }

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
