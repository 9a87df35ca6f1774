package dev.warden.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code slack} health line: which ways in are on, and the directory's state. */
class SlackIntegrationTest {
  private static final String TOKEN = "xoxb-FAKE-integration-test-token";
  private static final String API = "http://127.0.0.1:9/api/";

  @Test
  void saysHttpModeIsOnWithASigningSecretAndSocketModeOffWithoutAnAppToken() {
    SlackIntegration slack =
        new SlackIntegration(new SlackSettings(TOKEN, "signing-secret-x", null, API, null));

    assertThat(slack.availability().enabled()).isTrue();
    assertThat(slack.availability().detail())
        .isEqualTo(
            "Web API at "
                + API
                + "; HTTP mode: /slack/events verifies requests with the signing secret"
                + "; Socket Mode off (no warden.slack.app-token)"
                + "; directory: Slack user groups not used");
  }

  @Test
  void saysHttpModeIsOffWithoutASigningSecretAndWhenSocketModeWasNotStarted() {
    SlackIntegration slack =
        new SlackIntegration(new SlackSettings(TOKEN, null, "xapp-FAKE", API, null));

    assertThat(slack.availability().detail())
        .contains("HTTP mode off: /slack/events answers 503 until warden.slack.signing-secret")
        .contains("Socket Mode not started")
        .doesNotContain(TOKEN, "xapp-FAKE");
  }

  @Test
  void showsTheDirectorysState() {
    SlackSettings settings = new SlackSettings(TOKEN, "s", null, API, null);
    SlackDirectory directory =
        new SlackDirectory(
            new SlackWebApi(settings),
            () -> Set.of("slack-group:S0ONCALL1"),
            Map.of("maria@acme.example", "maria-gh"),
            Duration.ofMinutes(10),
            Ticker.systemTicker());

    assertThat(
            new SlackIntegration(settings, Optional.empty(), Optional.of(directory))
                .availability()
                .detail())
        .endsWith(
            "; directory: 1 Slack user group(s) in policies,"
                + " 1 e-mail to GitHub login mapping(s), cached PT10M");
  }
}
