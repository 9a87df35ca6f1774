package dev.warden.app.runbook;

import dev.warden.core.definition.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
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
    RunbookRepository.Status status = repository.status();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dir", repository.dir().toString());
    details.put("runbooks", status.runbooks().keySet().stream().toList());
    status.loadedAt().ifPresent(at -> details.put("loadedAt", at.toString()));
    if (status.lastAttemptFailed()) {
      details.put(
          "state",
          status.loadedAt().isPresent()
              ? "the last change was rejected; the previous runbooks stay in force"
              : "no valid runbooks: none can run");
      details.put(
          "problems",
          status.problems().stream().filter(Problem::isError).map(Problem::toString).toList());
    } else {
      details.put("state", "loaded");
      details.put("warnings", status.problems().stream().map(Problem::toString).toList());
    }
    return Health.up().withDetails(details).build();
  }
}
