package dev.warden.app.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.app.testing.WebhookClient;
import dev.warden.core.testing.SharedFixtures;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /slack/events} over real HTTP into the running app (Tomcat, the real clock): Slack's
 * form-encoded and JSON bodies, signed now, are answered; forged and stale ones are 401.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:slack-it;DB_CLOSE_DELAY=-1",
      "warden.slack.signing-secret=" + SlackEventsIT.SECRET,
      "warden.slack.bot-token=xoxb-FAKE-slack-it-token",
      "warden.slack.api-url=http://127.0.0.1:9/api/"
    })
class SlackEventsIT {
  static final String SECRET = "slack-it-signing-secret";

  @LocalServerPort int port;

  private static String sign(long timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  private HttpResponse<String> send(String contentType, byte[] body, long timestamp, String sig) {
    return new WebhookClient(port)
        .post(
            "/slack/events",
            Map.of(
                "Content-Type", contentType,
                "X-Slack-Request-Timestamp", String.valueOf(timestamp),
                "X-Slack-Signature", sig),
            body);
  }

  @Test
  void answersASignedFormEncodedSlashCommand() throws Exception {
    // %2F and + in the body: read as raw bytes, the signature still matches
    byte[] body = SharedFixtures.bytes("slack/slash-command.devops-triage.body.txt");
    long now = Instant.now().getEpochSecond();

    HttpResponse<String> answer =
        send("application/x-www-form-urlencoded", body, now, sign(now, body));

    assertThat(answer.statusCode()).isEqualTo(200);
    var reply = WebhookClient.json(answer);
    assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(reply.path("text").asString()).contains("Unknown command `triage`");
  }

  @Test
  void answersASignedUrlVerificationAndAcknowledgesAButtonClick() throws Exception {
    byte[] verification = SharedFixtures.bytes("slack/events.url_verification.json");
    byte[] click = SharedFixtures.bytes("slack/block-actions.approve-button.body.txt");
    long now = Instant.now().getEpochSecond();

    HttpResponse<String> challenge =
        send("application/json", verification, now, sign(now, verification));
    HttpResponse<String> clicked =
        send("application/x-www-form-urlencoded", click, now, sign(now, click));

    assertThat(challenge.statusCode()).isEqualTo(200);
    assertThat(challenge.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    assertThat(clicked.statusCode()).isEqualTo(200);
  }

  @Test
  void rejectsForgedAndStaleRequests() throws Exception {
    byte[] body = SharedFixtures.bytes("slack/slash-command.devops-triage.body.txt");
    long now = Instant.now().getEpochSecond();
    long stale = now - 6 * 60;

    assertThat(
            send("application/x-www-form-urlencoded", body, now, sign(now - 1, body)).statusCode())
        .isEqualTo(401);
    assertThat(
            send("application/x-www-form-urlencoded", body, stale, sign(stale, body)).statusCode())
        .isEqualTo(401);
    assertThat(
            new WebhookClient(port)
                .post(
                    "/slack/events",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"),
                    body)
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void healthListsSlackAsEnabled() {
    var health = WebhookClient.json(new WebhookClient(port).get("/actuator/health"));

    assertThat(
            health.path("components").path("integrations").path("details").path("slack").asString())
        .startsWith("enabled: Web API at http://127.0.0.1:9/api/")
        .doesNotContain("xoxb");
  }
}
