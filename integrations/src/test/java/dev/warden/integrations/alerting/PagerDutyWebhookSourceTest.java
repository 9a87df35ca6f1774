package dev.warden.integrations.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.event.IncidentEvent;
import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.Source;
import dev.warden.core.intake.Authentication;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Headers;
import dev.warden.core.intake.MalformedPayloadException;
import dev.warden.core.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class PagerDutyWebhookSourceTest {

  static Stream<JsonNode> signatureCases() {
    return SharedFixtures.json("pagerduty/v3.signature-vectors.json").path("cases").valueStream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signatureCases")
  void verifiesThePublishedSignatureVectors(JsonNode testCase) {
    JsonNode vectors = SharedFixtures.json("pagerduty/v3.signature-vectors.json");
    var source = source(vectors.path("secret").asString());
    byte[] body = SharedFixtures.bytes("pagerduty/" + vectors.path("body_file").asString());
    Map<String, String> headers = new HashMap<>();
    if (testCase.path("X-PagerDuty-Signature").isString()) {
      headers.put("X-PagerDuty-Signature", testCase.path("X-PagerDuty-Signature").asString());
    }

    var result = source.authenticate(new Delivery(Source.PAGERDUTY, Headers.of(headers), body));

    assertThat(result instanceof Authentication.Authentic)
        .as(testCase.path("name").asString())
        .isEqualTo(testCase.path("expect_valid").asBoolean());
  }

  @Test
  void mapsATriggeredIncident() {
    var delivered = decode("pagerduty/v3.incident.triggered.assembled.json");

    assertThat(delivered.dedupKey()).isEqualTo("01DEN4HPBQAAAG05V5QQYBRZMF");
    assertThat(delivered.event())
        .isEqualTo(
            new IncidentEvent(
                "01DEN4HPBQAAAG05V5QQYBRZMF",
                "PGR0VU2",
                IncidentEvent.Change.TRIGGERED,
                "A little bump in the road",
                "triggered",
                "high",
                "API Service",
                "https://acme.pagerduty.com/incidents/PGR0VU2",
                Instant.parse("2020-04-09T15:16:27Z")));
  }

  @Test
  void mapsEveryIncidentFixtureToItsChange() {
    assertThat(change("pagerduty/v3.incident.acknowledged.assembled.json"))
        .isEqualTo(IncidentEvent.Change.ACKNOWLEDGED);
    assertThat(change("pagerduty/v3.incident.resolved.assembled.json"))
        .isEqualTo(IncidentEvent.Change.RESOLVED);
    assertThat(change("pagerduty/v3.incident.priority_updated.doc-example.json"))
        .isEqualTo(IncidentEvent.Change.PRIORITY_UPDATED);
    // a note refers to its incident rather than carrying it
    var annotated =
        (IncidentEvent) decode("pagerduty/v3.incident.annotated.assembled.json").event();
    assertThat(annotated.change()).isEqualTo(IncidentEvent.Change.ANNOTATED);
    assertThat(annotated.incidentId()).isEqualTo("PGR0VU2");
    assertThat(annotated.title()).isEqualTo("A little bump in the road");
  }

  @Test
  void keepsEventsItDoesNotActOnAsOtherEvents() {
    assertThat(decode("pagerduty/v3.service.updated.doc-example.json").event())
        .isInstanceOf(OtherEvent.class)
        .extracting(e -> e.type())
        .isEqualTo("service.updated");
  }

  @Test
  void answersPageysPing() {
    assertThat(source("s").decode(delivery("pagerduty/v3.pagey.ping.json")))
        .isInstanceOf(Decoded.Ping.class);
  }

  @Test
  void rejectsAnEnvelopeWithoutEvent() {
    var delivery =
        new Delivery(
            Source.PAGERDUTY,
            Headers.of(Map.of()),
            "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> source("s").decode(delivery))
        .isInstanceOfSatisfying(
            MalformedPayloadException.class,
            e -> assertThat(e.problems()).singleElement().asString().contains("event"));
  }

  private static IncidentEvent.Change change(String fixture) {
    return ((IncidentEvent) decode(fixture).event()).change();
  }

  private static Decoded.Delivered decode(String fixture) {
    return (Decoded.Delivered) source("s").decode(delivery(fixture));
  }

  private static PagerDutyWebhookSource source(String secret) {
    return new PagerDutyWebhookSource(new AlertingProperties(null, null, null, secret));
  }

  private static Delivery delivery(String fixture) {
    return new Delivery(Source.PAGERDUTY, Headers.of(Map.of()), SharedFixtures.bytes(fixture));
  }
}
