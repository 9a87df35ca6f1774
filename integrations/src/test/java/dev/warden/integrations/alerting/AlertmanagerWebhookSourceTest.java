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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class AlertmanagerWebhookSourceTest {
  /** The bearer token the captured 07 notification was sent with (a fake). */
  private static final String TOKEN = "FAKE-am-webhook-token-for-tests-only";

  private final AlertmanagerWebhookSource source =
      new AlertmanagerWebhookSource(new AlertingProperties(TOKEN, "am", "s3cret", null));

  static Stream<JsonNode> captures() {
    return SharedFixtures.json("alertmanager/index.json").path("captures").valueStream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void decodesEveryCapturedNotification(JsonNode capture) {
    byte[] body = SharedFixtures.bytes("alertmanager/" + capture.path("file").asString());

    var delivered = (Decoded.Delivered) source.decode(delivery(Map.of(), body));

    var group = (AlertGroupEvent) delivered.event();
    assertThat(group.receiver()).isEqualTo(capture.path("receiver").asString());
    assertThat(group.status().name()).isEqualToIgnoringCase(capture.path("status").asString());
    assertThat(group.alerts()).hasSize(capture.path("alerts").asInt());
    assertThat(group.alerts().stream().filter(a -> a.status() == Status.RESOLVED).count())
        .isEqualTo(capture.path("alerts_resolved").asLong());
    assertThat(group.truncatedAlerts()).isEqualTo(capture.path("truncatedAlerts").asInt());
    assertThat(delivered.dedupKey()).startsWith("group:").hasSize("group:".length() + 64);
  }

  @Test
  void authenticatesTheCapturedBearerHeader() throws IOException {
    var capture = capturedHeaders("alertmanager/07-critical-bearer-auth.headers.txt");
    byte[] body = SharedFixtures.bytes("alertmanager/07-critical-bearer-auth.json");

    assertThat(source.authenticate(delivery(capture, body)))
        .isInstanceOf(Authentication.Authentic.class);
  }

  @Test
  void checksBearerAndBasicCredentials() {
    byte[] body = new byte[0];
    String basic = Base64.getEncoder().encodeToString("am:s3cret".getBytes(StandardCharsets.UTF_8));
    String wrongBasic =
        Base64.getEncoder().encodeToString("am:guess".getBytes(StandardCharsets.UTF_8));

    assertThat(source.authenticate(delivery(Map.of("Authorization", "bearer " + TOKEN), body)))
        .isInstanceOf(Authentication.Authentic.class);
    assertThat(source.authenticate(delivery(Map.of("Authorization", "Basic " + basic), body)))
        .isInstanceOf(Authentication.Authentic.class);
    assertThat(source.authenticate(delivery(Map.of("Authorization", "Bearer nope"), body)))
        .isEqualTo(Authentication.rejected("bearer token does not match"));
    assertThat(source.authenticate(delivery(Map.of("Authorization", "Basic " + wrongBasic), body)))
        .isEqualTo(Authentication.rejected("username or password does not match"));
    assertThat(source.authenticate(delivery(Map.of(), body)))
        .isEqualTo(Authentication.rejected("missing Authorization header"));
  }

  @Test
  void aSchemeThatIsNotConfiguredIsRejected() {
    var tokenOnly = new AlertmanagerWebhookSource(new AlertingProperties(TOKEN, null, null, null));
    String basic = Base64.getEncoder().encodeToString("am:s3cret".getBytes(StandardCharsets.UTF_8));

    assertThat(
            tokenOnly.authenticate(
                delivery(Map.of("Authorization", "Basic " + basic), new byte[0])))
        .isInstanceOf(Authentication.Rejected.class);
  }

  @Test
  void isDisabledWithoutAnyCredential() {
    var unconfigured =
        new AlertmanagerWebhookSource(new AlertingProperties(null, "am", null, null));

    assertThat(unconfigured.availability().enabled()).isFalse();
    assertThat(unconfigured.availability().detail()).contains("no warden.alerting.token");
  }

  @Test
  void mapsAlertsWithTheirTimesLabelsAndAnnotations() {
    var group = decode("alertmanager/04-grouped-partially-resolved.json");

    assertThat(group.groupKey())
        .isEqualTo("{}:{alertname=\"NodeFilesystemSpaceFillingUp\", namespace=\"monitoring\"}");
    assertThat(group.firingCount()).isEqualTo(2);
    var resolved = group.alerts().get(0);
    assertThat(resolved.fingerprint()).isEqualTo("fae1e349ae24e9b8");
    assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
    assertThat(resolved.endsAt()).contains(Instant.parse("2026-11-27T04:43:43.174Z"));
    assertThat(resolved.labels()).containsEntry("cluster", "prod-eu-west-1");
    assertThat(resolved.generatorUrl()).contains("node_filesystem_avail_bytes&g0.tab=1");
    var firing = group.alerts().get(2);
    assertThat(firing.endsAt()).as("Go's zero time means still firing").isEqualTo(Optional.empty());
  }

  @Test
  void deduplicationKeySeparatesChangesOfTheSameGroup() {
    String firing = key("alertmanager/03-grouped-firing.json");
    String partlyResolved = key("alertmanager/04-grouped-partially-resolved.json");
    String allResolved = key("alertmanager/05-grouped-all-resolved.json");

    assertThat(key("alertmanager/03-grouped-firing.json")).isEqualTo(firing);
    assertThat(Stream.of(firing, partlyResolved, allResolved).distinct()).hasSize(3);
  }

  @Test
  void aReNotificationWithTheSameAlertsIsTheSameKeyButARefiringIsNot() {
    var group = decode("alertmanager/01-firing-single.json");
    var renotified =
        new AlertGroupEvent(
            group.receiver(),
            group.groupKey(),
            group.status(),
            group.alerts(),
            group.groupLabels(),
            group.commonLabels(),
            group.commonAnnotations(),
            "http://other-replica:9093",
            0);
    var alert = group.alerts().get(0);
    var refired =
        new AlertGroupEvent(
            group.receiver(),
            group.groupKey(),
            group.status(),
            List.of(
                new AlertGroupEvent.Alert(
                    alert.fingerprint(),
                    alert.status(),
                    alert.labels(),
                    alert.annotations(),
                    alert.startsAt().plusSeconds(3600),
                    Optional.empty(),
                    alert.generatorUrl())),
            group.groupLabels(),
            group.commonLabels(),
            group.commonAnnotations(),
            group.externalUrl(),
            0);

    assertThat(AlertGroupPayload.dedupKey(renotified)).isEqualTo(AlertGroupPayload.dedupKey(group));
    assertThat(AlertGroupPayload.dedupKey(refired)).isNotEqualTo(AlertGroupPayload.dedupKey(group));
  }

  @Test
  void keepsUnicodeLabelsIntact() {
    var group = decode("alertmanager/06-unicode-labels.json");

    assertThat(group.alerts().get(0).labels().values())
        .anyMatch(value -> !value.chars().allMatch(c -> c < 128));
  }

  @Test
  void rejectsAGroupWithoutAlertsNamingThePath() {
    byte[] body =
        "{\"version\":\"4\",\"status\":\"firing\",\"groupKey\":\"k\",\"alerts\":[{\"status\":\"firing\",\"labels\":{}}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> source.decode(delivery(Map.of(), body)))
        .isInstanceOfSatisfying(
            MalformedPayloadException.class,
            e ->
                assertThat(String.join("\n", e.problems()))
                    .contains("$.alerts[0]")
                    .contains("startsAt")
                    .contains("fingerprint"));
  }

  @Test
  void rejectsAnotherPayloadVersion() {
    byte[] body =
        new String(
                SharedFixtures.bytes("alertmanager/03-grouped-firing.json"), StandardCharsets.UTF_8)
            .replace("\"version\":\"4\"", "\"version\":\"5\"")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> source.decode(delivery(Map.of(), body)))
        .hasMessage("Unsupported Alertmanager payload version \"5\"; expected \"4\"");
  }

  private AlertGroupEvent decode(String fixture) {
    return (AlertGroupEvent)
        ((Decoded.Delivered) source.decode(delivery(Map.of(), SharedFixtures.bytes(fixture))))
            .event();
  }

  private String key(String fixture) {
    return ((Decoded.Delivered) source.decode(delivery(Map.of(), SharedFixtures.bytes(fixture))))
        .dedupKey();
  }

  private static Delivery delivery(Map<String, String> headers, byte[] body) {
    return new Delivery(Source.ALERTMANAGER, Headers.of(headers), body);
  }

  /** The headers of a captured request (request line first, CRLF line ends). */
  static Map<String, String> capturedHeaders(String fixture) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    var lines = Files.readAllLines(SharedFixtures.sharedPath("fixtures/" + fixture));
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }
}
