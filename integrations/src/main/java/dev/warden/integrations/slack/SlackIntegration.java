package dev.warden.integrations.slack;

import dev.warden.core.integration.Availability;
import dev.warden.core.integration.Integration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code slack} line of the health endpoint: disabled without a bot token; otherwise where the
 * Web API is, how Slack reaches Warden (HTTP mode with the signing secret, Socket Mode with the app
 * token, or neither yet) and the directory's state.
 */
public final class SlackIntegration implements Integration {
  private final SlackSettings settings;
  private final Optional<SlackSocketMode> socketMode;
  private final Optional<SlackDirectory> directory;

  /**
   * The health line of these settings, with the running Socket Mode connection and directory when
   * the application started them.
   */
  public SlackIntegration(
      SlackSettings settings,
      Optional<SlackSocketMode> socketMode,
      Optional<SlackDirectory> directory) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.socketMode = Objects.requireNonNull(socketMode, "socketMode");
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  /** The health line of these settings, with neither Socket Mode nor a directory running. */
  public SlackIntegration(SlackSettings settings) {
    this(settings, Optional.empty(), Optional.empty());
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
    List<String> parts = new ArrayList<>();
    parts.add("Web API at " + settings.apiUrl());
    parts.add(
        settings.hasSigningSecret()
            ? "HTTP mode: /slack/events verifies requests with the signing secret"
            : "HTTP mode off: /slack/events answers 503 until warden.slack.signing-secret is set");
    if (socketMode.isPresent()) {
      parts.add("Socket Mode " + socketMode.get().status());
    } else {
      parts.add(
          settings.hasAppToken()
              ? "Socket Mode not started"
              : "Socket Mode off (no warden.slack.app-token)");
    }
    parts.add(directory.map(SlackDirectory::state).orElse("directory: Slack user groups not used"));
    return Availability.enabled(String.join("; ", parts));
  }
}
