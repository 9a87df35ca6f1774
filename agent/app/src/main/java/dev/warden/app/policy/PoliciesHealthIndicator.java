package dev.warden.app.policy;

import dev.warden.core.definition.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
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
    PolicyRepository.Status status = repository.status();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dir", repository.dir().toString());
    details.put("rules", status.policies().rules().size());
    details.put("version", status.policies().version());
    status.loadedAt().ifPresent(at -> details.put("loadedAt", at.toString()));
    if (status.lastAttemptFailed()) {
      details.put(
          "state",
          status.loadedAt().isPresent()
              ? "the last change was rejected; the previous policies stay in force"
              : "no valid policies: every action is passive");
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
