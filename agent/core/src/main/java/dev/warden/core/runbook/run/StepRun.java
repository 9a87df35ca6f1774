package dev.warden.core.runbook.run;

import dev.warden.core.action.ProposedAction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a run, as persisted: what it was asked, what was decided, what it did.
 *
 * @param index position in the run: the main steps first, then the rollback steps
 * @param rollback whether it is one of the runbook's rollback steps
 * @param stepId the step's id in the runbook
 * @param kind the step kind (action kind)
 * @param state where it stands
 * @param requestId the id the step's approval request gets if one is needed; chosen and stored
 *     before the step is submitted, so that after a crash the run can tell whether it was opened
 * @param action the action as submitted to the gate (rendered parameters), once it has started
 * @param level the policy decision's level ({@code autonomous}, {@code approve-first}, ...)
 * @param rule the rule that decided, if any
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param deadline when its time is up ({@code timeout} of the step), if limited
 * @param outputs its outputs, for later steps
 * @param summary one line of what it did, for people
 * @param error why it failed
 * @param preview the dry-run preview attached to its approval request
 * @param command the equivalent command for a person (passive steps)
 */
public record StepRun(
    int index,
    boolean rollback,
    String stepId,
    String kind,
    StepState state,
    String requestId,
    Optional<ProposedAction> action,
    Optional<String> level,
    Optional<String> rule,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<Instant> deadline,
    Map<String, String> outputs,
    Optional<String> summary,
    Optional<String> error,
    Optional<String> preview,
    Optional<String> command) {
  public StepRun {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(deadline, "deadline");
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(preview, "preview");
    Objects.requireNonNull(command, "command");
  }

  /** A step that has not started. */
  public static StepRun pending(
      int index, boolean rollback, String stepId, String kind, String requestId) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.PENDING,
        requestId,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** This step in another state. */
  public StepRun withState(StepState state) {
    return new StepRun(
        index, rollback, stepId, kind, state, requestId, action, level, rule, startedAt, endedAt,
        deadline, outputs, summary, error, preview, command);
  }

  /** This step started: its action, when, and its deadline. */
  public StepRun started(ProposedAction action, Instant at, Optional<Instant> deadline) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.SUBMITTED,
        requestId,
        Optional.of(action),
        level,
        rule,
        Optional.of(at),
        endedAt,
        deadline,
        outputs,
        summary,
        error,
        preview,
        command);
  }

  /** This step with the policy's decision. */
  public StepRun decided(String level, Optional<String> rule) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        state,
        requestId,
        action,
        Optional.of(level),
        rule,
        startedAt,
        endedAt,
        deadline,
        outputs,
        summary,
        error,
        preview,
        command);
  }

  /** This step waiting for its approval request, with the request's preview. */
  public StepRun awaiting(Optional<String> preview) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.AWAITING_APPROVAL,
        requestId,
        action,
        level,
        rule,
        startedAt,
        endedAt,
        deadline,
        outputs,
        summary,
        error,
        preview,
        command);
  }

  /** This step checking its condition again. */
  public StepRun waiting(String summary) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.WAITING,
        requestId,
        action,
        level,
        rule,
        startedAt,
        endedAt,
        deadline,
        outputs,
        Optional.of(summary),
        error,
        preview,
        command);
  }

  /** This step succeeded with these outputs. */
  public StepRun succeeded(Instant at, String summary, Map<String, String> outputs) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.SUCCEEDED,
        requestId,
        action,
        level,
        rule,
        startedAt,
        Optional.of(at),
        deadline,
        outputs,
        Optional.of(summary),
        error,
        preview,
        command);
  }

  /** This step failed, and why. */
  public StepRun failed(Instant at, String error) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.FAILED,
        requestId,
        action,
        level,
        rule,
        startedAt,
        Optional.of(at),
        deadline,
        outputs,
        summary,
        Optional.of(error),
        preview,
        command);
  }

  /** This step passive: shown as a command, not run. */
  public StepRun suggested(Instant at, Optional<String> command, String summary) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.SUGGESTED,
        requestId,
        action,
        level,
        rule,
        startedAt,
        Optional.of(at),
        deadline,
        outputs,
        Optional.of(summary),
        error,
        preview,
        command);
  }

  /** This step never started, and why. */
  public StepRun skipped(String why) {
    return new StepRun(
        index,
        rollback,
        stepId,
        kind,
        StepState.SKIPPED,
        requestId,
        action,
        level,
        rule,
        startedAt,
        endedAt,
        deadline,
        outputs,
        Optional.of(why),
        error,
        preview,
        command);
  }
}
