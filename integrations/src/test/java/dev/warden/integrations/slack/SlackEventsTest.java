package dev.warden.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.chat.ButtonClick;
import dev.warden.core.chat.ChatInteractions;
import dev.warden.core.chat.ChatMessage;
import dev.warden.core.chat.CommandRequest;
import dev.warden.core.chat.Mention;
import dev.warden.core.chat.Responder;
import dev.warden.core.testing.SharedFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed requests in Slack's real shapes ({@code ../shared/fixtures/slack}) through Bolt's request
 * verification and Warden's handlers: what passes is answered, everything else is 401. The clock is
 * fixed, so the vectors' old timestamps can be checked as they are.
 */
class SlackEventsTest {
  private static final String SECRET = "fake-signing-secret-0b7c4e1d9a2f";
  private static final long NOW = 1_767_225_900L;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The core, as far as these tests care: a command is answered with what was typed. */
  private static final ChatInteractions ECHO =
      new ChatInteractions() {
        @Override
        public ChatMessage command(CommandRequest request, Responder later) {
          return ChatMessage.text(
              "core: " + request.command() + " " + request.text() + " by " + request.userId());
        }

        @Override
        public void clicked(ButtonClick click, Responder later) {}

        @Override
        public void mentioned(Mention mention) {}
      };

  private final List<SlackEvents> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(SlackEvents::close);
  }

  private SlackEvents events(String secret, long nowSeconds) {
    SlackEvents events =
        new SlackEvents(
            new SlackSettings(null, secret, null, "http://127.0.0.1:9/api/", null),
            Clock.fixed(Instant.ofEpochSecond(nowSeconds), ZoneOffset.UTC),
            ECHO);
    opened.add(events);
    return events;
  }

  /** Slack's v0 signature, computed here independently of the code under test. */
  static String sign(String secret, long timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private static Map<String, List<String>> headers(
      String contentType, Long timestamp, String signature) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of(contentType));
    if (timestamp != null) {
      headers.put("X-Slack-Request-Timestamp", List.of(String.valueOf(timestamp)));
    }
    if (signature != null) {
      headers.put("X-Slack-Signature", List.of(signature));
    }
    return headers;
  }

  private SlackEvents.Answer signed(String contentType, byte[] body, long sentAt, long now)
      throws Exception {
    return events(SECRET, now)
        .handle(body, headers(contentType, sentAt, sign(SECRET, sentAt, body)), "127.0.0.1");
  }

  private static final String FORM = "application/x-www-form-urlencoded";

  @TestFactory
  List<DynamicTest> theSignatureVectorsAreJudgedAsTheySay() {
    JsonNode vectors = SharedFixtures.json("slack/signature-vectors.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode vector : vectors.path("cases")) {
      tests.add(
          DynamicTest.dynamicTest(
              vector.path("name").asString(),
              () -> {
                String body =
                    new String(
                        SharedFixtures.bytes("slack/" + vector.path("body_file").asString()),
                        StandardCharsets.UTF_8);
                if (vector.has("body_mutation")) {
                  assertThat(vector.path("body_mutation").asString())
                      .isEqualTo("replace 'triage' with 'rollback' before verifying");
                  body = body.replace("triage", "rollback");
                }
                JsonNode sent = vector.path("headers");
                long timestamp = Long.parseLong(sent.path("X-Slack-Request-Timestamp").asString());
                Map<String, List<String>> headers = new LinkedHashMap<>();
                sent.properties()
                    .forEach(h -> headers.put(h.getKey(), List.of(h.getValue().asString())));
                // Warden's clock a few seconds after the vector's own timestamp
                SlackEvents events =
                    events(vector.path("signing_secret").asString(), timestamp + 5);

                SlackEvents.Answer answer =
                    events.handle(body.getBytes(StandardCharsets.UTF_8), headers, "127.0.0.1");

                assertThat(answer.status())
                    .isEqualTo(vector.path("expect_valid_signature").asBoolean() ? 200 : 401);
              }));
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(6);
    return tests;
  }

  @Test
  void theSignedVectorsAreRejectedOnTheRealClockSinceTheirTimestampsAreOld() {
    JsonNode vector = SharedFixtures.json("slack/signature-vectors.json").path("cases").get(1);
    byte[] body = SharedFixtures.bytes("slack/" + vector.path("body_file").asString());
    Map<String, List<String>> headers = new LinkedHashMap<>();
    vector
        .path("headers")
        .properties()
        .forEach(h -> headers.put(h.getKey(), List.of(h.getValue().asString())));
    SlackEvents events =
        new SlackEvents(
            new SlackSettings(null, SECRET, null, null, null),
            Clock.fixed(
                Instant.ofEpochSecond(1_767_225_600L).plus(Duration.ofDays(3)), ZoneOffset.UTC),
            ECHO);
    opened.add(events);

    assertThat(events.handle(body, headers, "127.0.0.1").status()).isEqualTo(401);
  }

  @Test
  void answersASlashCommandEphemerallyWithWhatTheCoreAnswers() throws Exception {
    byte[] body = SharedFixtures.bytes("slack/slash-command.devops-triage.body.txt");

    SlackEvents.Answer answer = signed(FORM, body, NOW, NOW + 2);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("Content-Type").get(0)).startsWith("application/json");
    JsonNode reply = JSON.readTree(answer.body());
    assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(reply.path("text").asString())
        .isEqualTo("core: /devops triage checkout-api --since 30m by U05ONCALL01");
  }

  @Test
  void passesTheCommandAsTypedWithItsUser() throws Exception {
    byte[] body =
        ("token=FAKEverifTOKEN00000000000&team_id=T04ABCD1234&channel_id=C05PRODOPS1"
                + "&user_id=U05ONCALL01&command=%2Fwarden&text=help"
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT04%2F1%2Fx"
                + "&trigger_id=1.2.3")
            .getBytes(StandardCharsets.UTF_8);

    SlackEvents.Answer answer = signed(FORM, body, NOW, NOW);

    assertThat(answer.status()).isEqualTo(200);
    JsonNode reply = JSON.readTree(answer.body());
    assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(reply.path("text").asString()).isEqualTo("core: /warden help by U05ONCALL01");
  }

  @Test
  void answersUrlVerificationWithTheChallenge() throws Exception {
    byte[] body = SharedFixtures.bytes("slack/events.url_verification.json");
    String challenge =
        SharedFixtures.json("slack/events.url_verification.expected-response.json")
            .path("challenge")
            .asString();

    SlackEvents.Answer answer = signed("application/json", body, NOW, NOW + 1);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(challenge);
    assertThat(answer.headers().get("Content-Type").get(0)).startsWith("text/plain");
  }

  @Test
  void acknowledgesButtonClicksAndMentions() throws Exception {
    for (String fixture :
        List.of("block-actions.docs-example.body.txt", "block-actions.approve-button.body.txt")) {
      byte[] body = SharedFixtures.bytes("slack/" + fixture);
      assertThat(signed(FORM, body, NOW, NOW).status()).as(fixture).isEqualTo(200);
    }
    for (String fixture :
        List.of("events.app_mention.in-thread.body.json", "events.app_mention.sdk-test.json")) {
      byte[] body = SharedFixtures.bytes("slack/" + fixture);
      assertThat(signed("application/json", body, NOW, NOW).status()).as(fixture).isEqualTo(200);
    }
  }

  @Test
  void rejectsAForgedSignature() throws Exception {
    byte[] body = SharedFixtures.bytes("slack/slash-command.devops-triage.body.txt");

    SlackEvents.Answer answer =
        events(SECRET, NOW)
            .handle(body, headers(FORM, NOW, sign("another-secret", NOW, body)), "127.0.0.1");

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body()).doesNotContain("core:");
  }

  @Test
  void rejectsAStaleOrFutureTimestampOutsideTheFiveMinuteWindow() throws Exception {
    byte[] body = SharedFixtures.bytes("slack/events.url_verification.json");

    assertThat(signed("application/json", body, NOW, NOW + 299).status()).isEqualTo(200);
    assertThat(signed("application/json", body, NOW, NOW + 300).status()).isEqualTo(401);
    assertThat(signed("application/json", body, NOW, NOW + 3600).status()).isEqualTo(401);
    // Bolt alone would accept a timestamp from the future; Warden's window holds both ways
    assertThat(signed("application/json", body, NOW + 301, NOW).status()).isEqualTo(401);
  }

  @Test
  void rejectsMissingOrMalformedHeaders() throws Exception {
    byte[] body = SharedFixtures.bytes("slack/events.url_verification.json");
    String signature = sign(SECRET, NOW, body);
    SlackEvents events = events(SECRET, NOW);

    assertThat(events.handle(body, headers("application/json", null, signature), "").status())
        .isEqualTo(401);
    assertThat(events.handle(body, headers("application/json", NOW, null), "").status())
        .isEqualTo(401);
    assertThat(events.handle(body, headers("application/json", null, null), "").status())
        .isEqualTo(401);
    Map<String, List<String>> bad = headers("application/json", null, signature);
    bad.put("X-Slack-Request-Timestamp", List.of("yesterday"));
    assertThat(events.handle(body, bad, "").status()).isEqualTo(401);
    assertThat(
            events
                .handle(body, headers("application/json", NOW, signature.substring(3)), "")
                .status())
        .isEqualTo(401);
  }

  @Test
  void headerNamesMatchInAnyCase() throws Exception {
    byte[] body = SharedFixtures.bytes("slack/events.url_verification.json");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("content-type", List.of("application/json"));
    headers.put("x-slack-request-timestamp", List.of(String.valueOf(NOW)));
    headers.put("x-slack-signature", List.of(sign(SECRET, NOW, body)));

    assertThat(events(SECRET, NOW).handle(body, headers, "").status()).isEqualTo(200);
  }

  @Test
  void aBodyThatIsNoSlackRequestIsABadRequest() throws Exception {
    byte[] body = "hello=world".getBytes(StandardCharsets.UTF_8);

    assertThat(signed(FORM, body, NOW, NOW).status()).isEqualTo(400);
  }

  @Test
  void needsASigningSecret() {
    SlackSettings none = new SlackSettings("xoxb-x", null, null, null, null);

    assertThat(SlackEvents.availability(none))
        .hasToString("disabled: no warden.slack.signing-secret");
    assertThatThrownBy(() -> new SlackEvents(none, Clock.systemUTC(), ECHO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warden.slack.signing-secret");
  }
}
