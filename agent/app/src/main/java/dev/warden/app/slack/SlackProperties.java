package dev.warden.app.slack;

import dev.warden.core.chat.alerts.ChannelRoutes;
import dev.warden.integrations.slack.SlackDirectory;
import dev.warden.integrations.slack.SlackLimits;
import dev.warden.integrations.slack.SlackSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Slack settings ({@code warden.slack.*}); see {@link SlackSettings} for each. Secrets belong in
 * the environment ({@code WARDEN_SLACK_BOTTOKEN}, {@code WARDEN_SLACK_SIGNINGSECRET}, {@code
 * WARDEN_SLACK_APPTOKEN}).
 *
 * @param botToken the bot's OAuth token ({@code xoxb-...}); without it the integration is disabled
 * @param signingSecret the app's signing secret; without it {@code /slack/events} answers 503
 * @param appToken the app-level token ({@code xapp-...}) for Socket Mode
 * @param apiUrl the Web API's base URL; Slack's own by default
 * @param defaultChannel the channel messages go to when no route names one
 * @param routes alert groups to channels by their labels, first match first ({@code
 *     warden.slack.routes[0].channel}, {@code warden.slack.routes[0].match.severity=critical}; a
 *     value {@code ~regex} matches by regular expression)
 * @param directory how approvers' Slack user groups and e-mail addresses are looked up
 * @param limits how fast each Web API method may be called ({@link SlackLimits}); Slack's published
 *     limits by default
 */
@ConfigurationProperties("warden.slack")
public record SlackProperties(
    String botToken,
    String signingSecret,
    String appToken,
    String apiUrl,
    String defaultChannel,
    List<ChannelRoutes.Route> routes,
    Directory directory,
    SlackLimits limits) {

  public SlackProperties {
    routes = routes == null ? List.of() : List.copyOf(routes);
    directory = directory == null ? new Directory(null, null) : directory;
  }

  /**
   * The approver directory.
   *
   * @param ttl how long a user group's members and a user's e-mail address are kept; 5 minutes
   * @param githubLogins e-mail address to GitHub login, so a policy can name {@code github:login}
   *     ({@code warden.slack.directory.github-logins[alice@example.com]=alice})
   */
  public record Directory(Duration ttl, Map<String, String> githubLogins) {
    public Directory {
      ttl = ttl == null ? SlackDirectory.DEFAULT_TTL : ttl;
      githubLogins = githubLogins == null ? Map.of() : Map.copyOf(githubLogins);
    }
  }

  /** The adapter's settings; checks the URL. */
  SlackSettings settings() {
    return new SlackSettings(botToken, signingSecret, appToken, apiUrl, defaultChannel, limits);
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
        + ", routes="
        + routes.size()
        + "]";
  }

  private static String shown(String secret) {
    return secret == null || secret.isBlank() ? "(none)" : "(set)";
  }
}
