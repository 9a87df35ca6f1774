package dev.warden.app.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.chat.alerts.ChannelRoutes;
import dev.warden.integrations.slack.SlackLimits;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SlackPropertiesTest {

  private static SlackProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("warden.slack", SlackProperties.class);
  }

  @Test
  void withNothingSetSlackIsOffWithSlacksOwnLimits() {
    SlackProperties properties = bind(Map.of());

    assertThat(properties.settings().hasBotToken()).isFalse();
    assertThat(properties.routes()).isEmpty();
    assertThat(properties.directory().ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(properties.directory().githubLogins()).isEmpty();
    assertThat(properties.settings().limits()).isEqualTo(SlackLimits.DEFAULTS);
  }

  @Test
  void routesLoginsByEmailAndAPartOfTheLimitsBindAsTheDocsShowThem() {
    SlackProperties properties =
        bind(
            Map.of(
                "warden.slack.default-channel", "C0ALERTS",
                "warden.slack.routes[0].channel", "C0PAYMENTS",
                "warden.slack.routes[0].match.namespace", "~payments-.*",
                "warden.slack.routes[1].channel", "C0DATABASE",
                "warden.slack.routes[1].match.team", "database",
                "warden.slack.directory.ttl", "90s",
                "warden.slack.directory.github-logins[alice@example.com]", "alice-gh",
                "warden.slack.limits.post-message.calls", "10",
                "warden.slack.limits.post-message.per", "1s"));

    ChannelRoutes routes = new ChannelRoutes(properties.defaultChannel(), properties.routes());
    assertThat(routes.channelFor(Map.of("namespace", "payments-eu"))).contains("C0PAYMENTS");
    assertThat(routes.channelFor(Map.of("team", "database"))).contains("C0DATABASE");
    assertThat(routes.channelFor(Map.of("team", "web"))).contains("C0ALERTS");
    assertThat(properties.directory().ttl()).isEqualTo(Duration.ofSeconds(90));
    assertThat(properties.directory().githubLogins())
        .containsEntry("alice@example.com", "alice-gh");
    SlackLimits limits = properties.settings().limits();
    assertThat(limits.postMessage()).isEqualTo(new SlackLimits.Rate(10, Duration.ofSeconds(1)));
    assertThat(limits.update()).isEqualTo(SlackLimits.DEFAULTS.update());
  }

  @Test
  void aRouteWithoutAChannelIsRefusedNamingIt() {
    SlackProperties properties = bind(Map.of("warden.slack.routes[0].match.namespace", "shop"));

    assertThatThrownBy(() -> new ChannelRoutes(null, properties.routes()))
        .hasMessageContaining("routes[0]");
  }

  @Test
  void neverShowsASecret() {
    SlackProperties properties =
        bind(
            Map.of(
                "warden.slack.bot-token", "xoxb-1-secret-bot-token",
                "warden.slack.signing-secret", "signing-secret-value",
                "warden.slack.app-token", "xapp-1-secret-app-token"));

    assertThat(properties.toString() + properties.settings())
        .doesNotContain("secret-bot-token", "signing-secret-value", "secret-app-token");
  }
}
