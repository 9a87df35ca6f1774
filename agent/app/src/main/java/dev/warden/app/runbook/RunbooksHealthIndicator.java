package dev.warden.app.runbook;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code runbooks} component of {@code /actuator/health}: the runbooks in force (their names,
 * when loaded) and, when the last change was rejected, its problems as {@code file:line:column:
 * message}. Always UP: with broken or missing runbooks Warden keeps serving; it just has fewer (or
 * no) runbooks to run.
 */
@Component("runbooks")
class RunbooksHealthIndicator implements HealthIndicator {
  private final RunbookRepository repository;

  RunbooksHealthIndicator(RunbookRepository repository) {
    this.repository = repository;
  }

  @Override
  public Health health() {
    return Health.up().withDetails(repository.healthDetails()).build();
  }
}
