package dev.warden.app.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.warden.app.intake.IntakeProperties;
import dev.warden.core.chat.ChatInteractions;
import dev.warden.core.testing.SharedFixtures;
import dev.warden.integrations.slack.SlackEvents;
import dev.warden.integrations.slack.SlackSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

/** {@code POST /slack/events} in MockMvc: the raw body through to Bolt and the answer back. */
class SlackEventsControllerTest {
  private static final String SECRET = "controller-test-signing-secret";
  private static final long NOW = 1_767_225_900L;

  private SlackEndpoint endpoint;

  @AfterEach
  void close() {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private MockMvc mvc(SlackSettings settings, String maxBody) {
    endpoint =
        new SlackEndpoint(
            SlackEvents.availability(settings),
            settings.hasSigningSecret()
                ? Optional.of(
                    new SlackEvents(
                        settings,
                        Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC),
                        ChatInteractions.NONE))
                : Optional.empty());
    return MockMvcBuilders.standaloneSetup(
            new SlackEventsController(
                endpoint, new IntakeProperties(DataSize.parse(maxBody), false)))
        .build();
  }

  private static String sign(long timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
    return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void withoutASigningSecretAnswers503SayingWhichSettingIsMissing() throws Exception {
    MockMvc mvc = mvc(new SlackSettings("xoxb-FAKE", null, null, null, null), "1MB");

    mvc.perform(
            post("/slack/events")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("command=%2Fwarden&text=help"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("no warden.slack.signing-secret")));
  }

  @Test
  void aSignedSlashCommandIsAnsweredEphemerallyByTheCore() throws Exception {
    MockMvc mvc = mvc(new SlackSettings(null, SECRET, null, null, null), "1MB");
    byte[] body = SharedFixtures.bytes("slack/slash-command.devops-triage.body.txt");

    var result =
        mvc.perform(
                post("/slack/events")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header("X-Slack-Request-Timestamp", String.valueOf(NOW))
                    .header("X-Slack-Signature", sign(NOW, body))
                    .content(body))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.response_type").value("ephemeral"))
            .andReturn();

    assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8))
        .contains("Warden has no chat commands configured.");
  }

  @Test
  void aForgedRequestIs401() throws Exception {
    MockMvc mvc = mvc(new SlackSettings(null, SECRET, null, null, null), "1MB");
    byte[] body = SharedFixtures.bytes("slack/events.url_verification.json");

    mvc.perform(
            post("/slack/events")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Slack-Request-Timestamp", String.valueOf(NOW))
                .header("X-Slack-Signature", sign(NOW + 1, body))
                .content(body))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void aBodyOverTheLimitIs413Unread() throws Exception {
    MockMvc mvc = mvc(new SlackSettings(null, SECRET, null, null, null), "16B");
    byte[] body = SharedFixtures.bytes("slack/events.url_verification.json");

    mvc.perform(
            post("/slack/events")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Slack-Request-Timestamp", String.valueOf(NOW))
                .header("X-Slack-Signature", sign(NOW, body))
                .content(body))
        .andExpect(status().isPayloadTooLarge());
  }
}
