package dev.warden.app.slack;

import dev.warden.integrations.slack.SlackSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack settings ({@code warden.slack.*}); see {@link SlackSettings} for each. Secrets belong in
 * the environment ({@code WARDEN_SLACK_BOTTOKEN}, {@code WARDEN_SLACK_SIGNINGSECRET}).
 *
 * @param botToken the bot's OAuth token ({@code xoxb-...}); without it the integration is disabled
 * @param signingSecret the app's signing secret; without it {@code /slack/events} answers 503
 * @param appToken the app-level token for Socket Mode (not built yet)
 * @param apiUrl the Web API's base URL; Slack's own by default
 * @param defaultChannel the channel messages go to when nothing else names one
 */
@ConfigurationProperties("warden.slack")
public record SlackProperties(
    String botToken, String signingSecret, String appToken, String apiUrl, String defaultChannel) {

  /** The adapter's settings; checks the URL. */
  SlackSettings settings() {
    return new SlackSettings(botToken, signingSecret, appToken, apiUrl, defaultChannel);
  }

  /** Never shows a secret. */
  @Override
  public String toString() {
    return "SlackProperties[botToken="
        + shown(botToken)
        + ", signingSecret="
        + shown(signingSecret)
        + ", appToken="
        + shown(appToken)
        + ", apiUrl="
        + apiUrl
        + ", defaultChannel="
        + defaultChannel
        + "]";
  }

  private static String shown(String secret) {
    return secret == null || secret.isBlank() ? "(none)" : "(set)";
  }
}
