package dev.warden.app.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PolicyPropertiesTest {

  private static PolicyProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("warden.policy", PolicyProperties.class);
  }

  @Test
  void defaultsToThePoliciesDirectoryEveryFiveSecondsAndNoWardenIdentities() {
    PolicyProperties properties = bind(Map.of());

    assertThat(properties.dir()).isEqualTo(Path.of("policies"));
    assertThat(properties.reloadInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.wardenIdentities()).isEmpty();
  }

  @Test
  void readsWardensIdentitiesAsAList() {
    PolicyProperties properties =
        bind(
            Map.of(
                "warden.policy.dir", "/etc/warden/policies",
                "warden.policy.reload-interval", "1m",
                "warden.policy.warden-identities", "U0WARDEN,B0WARDEN"));

    assertThat(properties.dir()).isEqualTo(Path.of("/etc/warden/policies"));
    assertThat(properties.reloadInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(properties.wardenIdentities()).containsExactlyInAnyOrder("U0WARDEN", "B0WARDEN");
  }
}
