package dev.warden.core.runbook.run;

import dev.warden.core.policy.Decision;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run of a runbook for an alert would do, found without running anything: each step with its
 * resolved parameters and the policy's decision on it now.
 *
 * @param runbook the runbook's name
 * @param params the runbook's parameters rendered from the alert
 * @param steps main steps first, then rollback steps
 */
public record RunPlan(String runbook, Map<String, String> params, List<Planned> steps) {
  public RunPlan {
    Objects.requireNonNull(runbook, "runbook");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    steps = List.copyOf(steps);
  }

  /**
   * One planned step. Outputs of earlier steps are not known before the run; they appear as {@code
   * <steps.ID.output.NAME>} in the parameters.
   *
   * @param stepId the step's id
   * @param rollback whether it is a rollback step
   * @param kind the step kind
   * @param parameters its rendered parameters
   * @param decision the policy's decision on it now
   * @param command the equivalent command for a person, when there is one
   */
  public record Planned(
      String stepId,
      boolean rollback,
      String kind,
      Map<String, Object> parameters,
      Decision decision,
      Optional<String> command) {
    public Planned {
      Objects.requireNonNull(stepId, "stepId");
      Objects.requireNonNull(kind, "kind");
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(command, "command");
    }
  }
}
