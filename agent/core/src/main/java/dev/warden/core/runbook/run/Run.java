package dev.warden.core.runbook.run;

import dev.warden.core.action.Requester;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a runbook for one alert, as persisted.
 *
 * @param id unguessable identifier
 * @param runbook the runbook's name
 * @param cluster the cluster it runs against (empty: the default cluster)
 * @param labels the alert's labels
 * @param annotations the alert's annotations
 * @param params the runbook's parameters, rendered from the alert when the run was created
 * @param startedBy who started it: a person, or the runbook itself for a run an alert started
 * @param sourceEvent the inbox event of the alert, if any
 * @param state where it stands
 * @param createdAt when it was created
 * @param updatedAt when its state last changed
 * @param note why it ended (the failed step, who cancelled), if it did
 * @param steps its steps, main steps first and then rollback steps
 * @param notBefore when a run scheduled for later is to start; empty for a run that starts at once
 */
public record Run(
    String id,
    String runbook,
    Optional<String> cluster,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, String> params,
    Requester startedBy,
    Optional<String> sourceEvent,
    RunState state,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> note,
    List<StepRun> steps,
    Optional<Instant> notBefore) {
  public Run {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(runbook, "runbook");
    Objects.requireNonNull(cluster, "cluster");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    Objects.requireNonNull(startedBy, "startedBy");
    Objects.requireNonNull(sourceEvent, "sourceEvent");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(note, "note");
    steps = List.copyOf(steps);
    Objects.requireNonNull(notBefore, "notBefore");
  }

  /** A run that starts at once. */
  public Run(
      String id,
      String runbook,
      Optional<String> cluster,
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> params,
      Requester startedBy,
      Optional<String> sourceEvent,
      RunState state,
      Instant createdAt,
      Instant updatedAt,
      Optional<String> note,
      List<StepRun> steps) {
    this(
        id,
        runbook,
        cluster,
        labels,
        annotations,
        params,
        startedBy,
        sourceEvent,
        state,
        createdAt,
        updatedAt,
        note,
        steps,
        Optional.empty());
  }

  /** The step at that index. */
  public StepRun step(int index) {
    return steps.get(index);
  }
}
