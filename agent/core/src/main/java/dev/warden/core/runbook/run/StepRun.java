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

  /** This step started: its action, when, and its deadline. */
  public StepRun started(ProposedAction action, Instant at, Optional<Instant> deadline) {
    Copy copy = new Copy(this);
    copy.state = StepState.SUBMITTED;
    copy.action = Optional.of(action);
    copy.startedAt = Optional.of(at);
    copy.deadline = deadline;
    return copy.build();
  }

  /** This step with the policy's decision. */
  public StepRun decided(String level, Optional<String> rule) {
    Copy copy = new Copy(this);
    copy.level = Optional.of(level);
    copy.rule = rule;
    return copy.build();
  }

  /** This step waiting for its approval request, with the request's preview. */
  public StepRun awaiting(Optional<String> preview) {
    Copy copy = new Copy(this);
    copy.state = StepState.AWAITING_APPROVAL;
    copy.preview = preview;
    return copy.build();
  }

  /** This step checking its condition again. */
  public StepRun waiting(String summary) {
    Copy copy = new Copy(this);
    copy.state = StepState.WAITING;
    copy.summary = Optional.of(summary);
    return copy.build();
  }

  /** This step succeeded with these outputs. */
  public StepRun succeeded(Instant at, String summary, Map<String, String> outputs) {
    Copy copy = new Copy(this);
    copy.state = StepState.SUCCEEDED;
    copy.endedAt = Optional.of(at);
    copy.outputs = outputs;
    copy.summary = Optional.of(summary);
    return copy.build();
  }

  /** This step failed, and why. */
  public StepRun failed(Instant at, String error) {
    Copy copy = new Copy(this);
    copy.state = StepState.FAILED;
    copy.endedAt = Optional.of(at);
    copy.error = Optional.of(error);
    return copy.build();
  }

  /** This step passive: shown as a command, not run. */
  public StepRun suggested(Instant at, Optional<String> command, String summary) {
    Copy copy = new Copy(this);
    copy.state = StepState.SUGGESTED;
    copy.endedAt = Optional.of(at);
    copy.summary = Optional.of(summary);
    copy.command = command;
    return copy.build();
  }

  /** This step never started, and why. */
  public StepRun skipped(String why) {
    Copy copy = new Copy(this);
    copy.state = StepState.SKIPPED;
    copy.summary = Optional.of(why);
    return copy.build();
  }

  /** A step's fields to change one by one; the index, ids, kind and request id stay. */
  private static final class Copy {
    private final StepRun of;
    private StepState state;
    private Optional<ProposedAction> action;
    private Optional<String> level;
    private Optional<String> rule;
    private Optional<Instant> startedAt;
    private Optional<Instant> endedAt;
    private Optional<Instant> deadline;
    private Map<String, String> outputs;
    private Optional<String> summary;
    private Optional<String> error;
    private Optional<String> preview;
    private Optional<String> command;

    Copy(StepRun of) {
      this.of = of;
      this.state = of.state;
      this.action = of.action;
      this.level = of.level;
      this.rule = of.rule;
      this.startedAt = of.startedAt;
      this.endedAt = of.endedAt;
      this.deadline = of.deadline;
      this.outputs = of.outputs;
      this.summary = of.summary;
      this.error = of.error;
      this.preview = of.preview;
      this.command = of.command;
    }

    StepRun build() {
      return new StepRun(
          of.index,
          of.rollback,
          of.stepId,
          of.kind,
          state,
          of.requestId,
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
  }
}
