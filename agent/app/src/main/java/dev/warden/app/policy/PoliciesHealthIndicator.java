package dev.warden.app.policy;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code policies} component of {@code /actuator/health}: the set in force (rules, version,
 * when loaded) and, when the last change was rejected, its problems. Always UP: with broken or
 * missing policies Warden keeps serving, and everything it has no rule for is passive.
 */
@Component("policies")
class PoliciesHealthIndicator implements HealthIndicator {
  private final PolicyRepository repository;

  PoliciesHealthIndicator(PolicyRepository repository) {
    this.repository = repository;
  }

  @Override
  public Health health() {
    return Health.up().withDetails(repository.healthDetails()).build();
  }
}
