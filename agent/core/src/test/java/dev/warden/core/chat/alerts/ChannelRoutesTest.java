package dev.warden.core.chat.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.chat.alerts.ChannelRoutes.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRoutesTest {
  private final ChannelRoutes routes =
      new ChannelRoutes(
          "#alerts",
          List.of(
              new Route("#payments", Map.of("team", "payments")),
              new Route("#prod-critical", Map.of("severity", "critical", "env", "~prod(-.*)?")),
              new Route("#critical", Map.of("severity", "critical"))));

  @Test
  void theFirstMatchingRouteWins() {
    assertThat(routes.channelFor(Map.of("team", "payments", "severity", "critical", "env", "prod")))
        .contains("#payments");
    assertThat(routes.channelFor(Map.of("severity", "critical", "env", "prod-eu")))
        .contains("#prod-critical");
    assertThat(routes.channelFor(Map.of("severity", "critical", "env", "staging")))
        .contains("#critical");
  }

  @Test
  void aRegularExpressionMustMatchTheWholeValueAndAMissingLabelNeverMatches() {
    assertThat(routes.channelFor(Map.of("severity", "critical", "env", "preprod")))
        .contains("#critical");
    assertThat(routes.channelFor(Map.of("env", "prod"))).contains("#alerts");
  }

  @Test
  void withoutADefaultChannelAnUnroutedGroupGoesNowhere() {
    var noDefault =
        new ChannelRoutes(" ", List.of(new Route("#payments", Map.of("team", "payments"))));

    assertThat(noDefault.channelFor(Map.of("team", "search"))).isEmpty();
    assertThat(noDefault.channelFor(Map.of("team", "payments"))).contains("#payments");
    assertThat(ChannelRoutes.to(null).channelFor(Map.of("team", "payments"))).isEmpty();
    assertThat(ChannelRoutes.to("C024BE91L").channelFor(Map.of())).contains("C024BE91L");
  }

  @Test
  void aRouteWithoutAChannelIsRefusedNamingIt() {
    assertThatThrownBy(
            () ->
                new ChannelRoutes(
                    "#alerts",
                    List.of(
                        new Route("#a", Map.of("team", "a")), new Route(" ", Map.of("team", "b")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routes[1] has no channel: set routes[1].channel");
  }

  @Test
  void aRouteWithoutMatchersIsRefused() {
    assertThatThrownBy(() -> new ChannelRoutes("#alerts", List.of(new Route("#all", null))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("routes[0] (channel #all) matches no label");
  }

  @Test
  void aBadRegularExpressionIsRefusedNamingTheRouteAndLabel() {
    assertThatThrownBy(
            () ->
                new ChannelRoutes(
                    "#alerts", List.of(new Route("#x", Map.of("namespace", "~shop-(")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("routes[0].match.namespace: not a regular expression: \"shop-(\"");
  }
}
