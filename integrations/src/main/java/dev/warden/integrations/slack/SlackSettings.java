package dev.warden.integrations.slack;

import java.net.URI;

/**
 * How Warden reaches Slack, bound by the application to {@code warden.slack.*}. {@link #toString()}
 * never shows a secret.
 *
 * @param botToken {@code warden.slack.bot-token}: the bot's OAuth token ({@code xoxb-...}) for the
 *     Web API; without it the Slack integration is disabled
 * @param signingSecret {@code warden.slack.signing-secret}: the app's signing secret, which
 *     verifies every request Slack sends to {@code /slack/events}; without it that endpoint answers
 *     503
 * @param appToken {@code warden.slack.app-token}: the app-level token ({@code xapp-...}, scope
 *     {@code connections:write}) for Socket Mode, for teams without a public URL: with it, {@link
 *     SlackSocketMode} receives the same commands, clicks and mentions over a WebSocket
 * @param apiUrl {@code warden.slack.api-url}: the Web API's base URL, {@code
 *     https://slack.com/api/} by default; tests and staging point it at a fake. Always ends in
 *     {@code /}
 * @param defaultChannel {@code warden.slack.default-channel}: the channel messages go to when no
 *     route names one; may be empty
 * @param limits {@code warden.slack.limits.*}: how fast each Web API method is called; {@link
 *     SlackLimits#DEFAULTS} when {@code null}
 */
public record SlackSettings(
    String botToken,
    String signingSecret,
    String appToken,
    String apiUrl,
    String defaultChannel,
    SlackLimits limits) {

  /** Slack's own Web API. */
  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  public SlackSettings {
    botToken = blankToNull(botToken);
    signingSecret = blankToNull(signingSecret);
    appToken = blankToNull(appToken);
    defaultChannel = blankToNull(defaultChannel);
    apiUrl = apiUrl(blankToNull(apiUrl));
    limits = limits != null ? limits : SlackLimits.DEFAULTS;
  }

  /** Settings with the default {@link SlackLimits}. */
  public SlackSettings(
      String botToken,
      String signingSecret,
      String appToken,
      String apiUrl,
      String defaultChannel) {
    this(botToken, signingSecret, appToken, apiUrl, defaultChannel, null);
  }

  /** Whether a bot token is configured, so the Web API can be called. */
  public boolean hasBotToken() {
    return botToken != null;
  }

  /** Whether a signing secret is configured, so requests from Slack can be verified. */
  public boolean hasSigningSecret() {
    return signingSecret != null;
  }

  /** Whether an app-level token is configured, so Socket Mode can connect. */
  public boolean hasAppToken() {
    return appToken != null;
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken="
        + shown(botToken)
        + ", signingSecret="
        + shown(signingSecret)
        + ", appToken="
        + shown(appToken)
        + ", apiUrl="
        + apiUrl
        + ", defaultChannel="
        + defaultChannel
        + ", limits="
        + limits
        + "]";
  }

  private static String shown(String secret) {
    return secret == null ? "(none)" : "(set)";
  }

  private static String apiUrl(String configured) {
    if (configured == null) {
      return DEFAULT_API_URL;
    }
    URI uri;
    try {
      uri = URI.create(configured);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("warden.slack.api-url is not a URL: " + configured, e);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "warden.slack.api-url must be an http(s) URL with a host, not " + configured);
    }
    return configured.endsWith("/") ? configured : configured + "/";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
