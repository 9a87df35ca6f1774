package dev.warden.app.slack;

import dev.warden.core.integration.Availability;
import dev.warden.integrations.slack.SlackEvents;
import java.util.Optional;

/**
 * What answers {@code /slack/events}: the adapter's handler when it can verify requests, and why
 * not otherwise.
 *
 * @param availability enabled, or disabled with the setting that is missing
 * @param events the handler; present exactly when enabled
 */
record SlackEndpoint(Availability availability, Optional<SlackEvents> events)
    implements AutoCloseable {

  @Override
  public void close() {
    events.ifPresent(SlackEvents::close);
  }
}
