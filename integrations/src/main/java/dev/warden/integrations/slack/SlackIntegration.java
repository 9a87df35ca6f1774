package dev.warden.integrations.slack;

import dev.warden.core.integration.Availability;
import dev.warden.core.integration.Integration;

/**
 * The {@code slack} line of the health endpoint: disabled without a bot token, and saying what
 * works when there is one.
 */
public final class SlackIntegration implements Integration {
  private final SlackSettings settings;

  public SlackIntegration(SlackSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "slack";
  }

  @Override
  public Availability availability() {
    if (!settings.hasBotToken()) {
      return Availability.disabled("no warden.slack.bot-token");
    }
    String events =
        settings.hasSigningSecret()
            ? "/slack/events verifies requests with the signing secret"
            : "/slack/events answers 503 until warden.slack.signing-secret is set";
    return Availability.enabled("Web API at " + settings.apiUrl() + "; " + events);
  }
}
