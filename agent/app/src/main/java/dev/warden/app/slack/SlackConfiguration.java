package dev.warden.app.slack;

import dev.warden.integrations.slack.SlackEvents;
import dev.warden.integrations.slack.SlackIntegration;
import dev.warden.integrations.slack.SlackSettings;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Slack adapter's beans: its health line always, and the events handler when a signing secret
 * lets it verify requests. Nothing posts to Slack yet, so no chat surface is wired.
 */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

  @Bean
  SlackSettings slackSettings(SlackProperties properties) {
    return properties.settings();
  }

  @Bean
  SlackIntegration slackIntegration(SlackSettings settings) {
    return new SlackIntegration(settings);
  }

  @Bean
  SlackEndpoint slackEndpoint(SlackSettings settings, Clock clock) {
    return new SlackEndpoint(
        SlackEvents.availability(settings),
        settings.hasSigningSecret()
            ? Optional.of(new SlackEvents(settings, clock))
            : Optional.empty());
  }
}
