package dev.warden.app.health;

import dev.warden.core.integration.Integration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code integrations} in {@code /actuator/health}: one line per integration, always UP. */
@Component
class IntegrationsHealthIndicator implements HealthIndicator {
  /** Integrations the design names that have no adapter in this build yet (none now). */
  static final Map<String, String> NOT_BUILT = Map.of();

  private final List<Integration> integrations;

  IntegrationsHealthIndicator(List<Integration> integrations) {
    this.integrations = integrations;
  }

  @Override
  public Health health() {
    Map<String, String> details = new TreeMap<>(NOT_BUILT);
    integrations.forEach(
        integration -> details.put(integration.name(), integration.availability().toString()));
    return Health.up().withDetails(details).build();
  }
}
