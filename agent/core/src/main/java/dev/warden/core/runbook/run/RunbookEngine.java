package dev.warden.core.runbook.run;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Vote;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditRecord;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateListener;
import dev.warden.core.gate.GateOutcome;
import dev.warden.core.gate.Permit;
import dev.warden.core.gate.Reconciliation;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.runbook.OnFailure;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.Step;
import dev.warden.core.runbook.Template;
import dev.warden.core.wait.ProbeResult;
import dev.warden.core.wait.WaitExecutor;
import dev.warden.core.wait.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs runbooks: a persisted state machine per run, moved on one step at a time by {@link
 * #advance}, which the durable {@link RunScheduler} calls.
 *
 * <p>Every step is a proposed action submitted to the {@link ActionGate}, so the policy decides
 * each one: an autonomous step runs at once; an approve-first step opens an approval request (with
 * the executor's dry-run preview) and the run waits until the gate reports the vote's outcome
 * through {@link GateListener}; a passive step shows its equivalent command and does not run; a
 * denied step fails. {@code wait.until} steps check their condition again on a timer until the
 * step's deadline.
 *
 * <p>Crash safety: a step is stored as {@link StepState#SUBMITTED}, with the id its approval
 * request will get, before it is submitted. A run found with such a step after a restart looks
 * first for that request, and otherwise asks the executor to {@linkplain ActionExecutor#reconcile
 * reconcile} the action with the cluster: an applied change is recorded as done, a change that is
 * not there is submitted again, and when the cluster cannot tell, the step fails and a person
 * looks. Nothing that changes the cluster runs twice blindly.
 */
public final class RunbookEngine implements GateListener {
  private static final Logger log = LoggerFactory.getLogger(RunbookEngine.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ActionGate gate;
  private final ApprovalStore approvals;
  private final RunStore runs;
  private final RunScheduler scheduler;
  private final AuditLog audit;
  private final Function<String, Optional<Runbook>> runbooks;
  private final Map<String, ActionExecutor> executors;
  private final Waits waits;
  private final Function<ProposedAction, Optional<String>> commands;
  private final RunPlanner planner;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Duration waitInterval;
  private final Duration inFlightGrace;
  private final Set<String> advancing = ConcurrentHashMap.newKeySet();

  private RunbookEngine(Builder builder) {
    this.gate = Objects.requireNonNull(builder.gate, "gate");
    this.approvals = Objects.requireNonNull(builder.approvals, "approvals");
    this.runs = Objects.requireNonNull(builder.runs, "runs");
    this.scheduler = Objects.requireNonNull(builder.scheduler, "scheduler");
    this.audit = Objects.requireNonNull(builder.audit, "audit");
    this.runbooks = Objects.requireNonNull(builder.runbooks, "runbooks");
    FreezeSwitch freezeSwitch = Objects.requireNonNull(builder.freezeSwitch, "freezeSwitch");
    this.planner =
        new RunPlanner(
            Objects.requireNonNull(builder.policies, "policies"),
            freezeSwitch::current,
            builder.clock,
            builder.commands);
    Map<String, ActionExecutor> byKind = new HashMap<>();
    for (ActionExecutor executor : builder.executors) {
      executor.kinds().forEach(kind -> byKind.putIfAbsent(kind, executor));
    }
    this.executors = Map.copyOf(byKind);
    this.waits = builder.waits;
    this.commands = builder.commands;
    this.clock = builder.clock;
    this.ids = builder.ids;
    this.waitInterval = builder.waitInterval;
    this.inFlightGrace = builder.inFlightGrace;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * What a run would do, without running anything: every step rendered (outputs of earlier steps as
   * placeholders) and decided by the current policies.
   *
   * @throws Template.RenderException when the alert lacks a label or annotation a parameter needs
   */
  public RunPlan plan(
      Runbook runbook, AlertInput alert, Optional<String> cluster, Requester requester) {
    return planner.plan(runbook, alert, cluster, requester);
  }

  /**
   * Creates a run of the runbook for the alert and schedules its first step.
   *
   * @throws Template.RenderException when the alert lacks a label or annotation a parameter needs
   */
  public Run start(
      Runbook runbook,
      AlertInput alert,
      Optional<String> cluster,
      Requester startedBy,
      Optional<String> sourceEvent) {
    return start(runbook, alert, cluster, startedBy, sourceEvent, Optional.empty());
  }

  /**
   * Creates a run of the runbook for the alert that starts at {@code at} (at once when empty or
   * past): until then it is proposed, and its durable timer starts it, after a restart too.
   *
   * @throws Template.RenderException when the alert lacks a label or annotation a parameter needs
   */
  public Run start(
      Runbook runbook,
      AlertInput alert,
      Optional<String> cluster,
      Requester startedBy,
      Optional<String> sourceEvent,
      Optional<Instant> at) {
    Map<String, String> params = runbook.renderParams(alert.labels(), alert.annotations());
    Instant now = now();
    List<StepRun> steps = new ArrayList<>();
    int index = 0;
    for (Step step : runbook.steps()) {
      steps.add(StepRun.pending(index++, false, step.id(), step.action(), ids.get()));
    }
    for (Step step : runbook.rollback()) {
      steps.add(StepRun.pending(index++, true, step.id(), step.action(), ids.get()));
    }
    Run run =
        new Run(
            ids.get(),
            runbook.name(),
            cluster,
            alert.labels(),
            alert.annotations(),
            params,
            startedBy,
            sourceEvent,
            RunState.PROPOSED,
            now,
            now,
            Optional.empty(),
            steps,
            at.map(instant -> instant.truncatedTo(ChronoUnit.MICROS))
                .filter(instant -> instant.isAfter(now)));
    runs.create(run);
    Map<String, String> details = new TreeMap<>(Map.of("startedBy", startedBy.id()));
    run.notBefore().ifPresent(instant -> details.put("notBefore", instant.toString()));
    record("runbook.run.created", run, null, details);
    log.info("runbook run created id={} runbook={}", run.id(), runbook.name());
    scheduler.schedule(run.id(), run.notBefore().orElse(now));
    return run;
  }

  /** The run, or empty. */
  public Optional<Run> find(String runId) {
    return runs.find(runId);
  }

  /** Schedules every run that is not over, so that each resumes where it stood (at start). */
  public int resumeAll() {
    List<Run> active = runs.active();
    active.forEach(run -> scheduler.schedule(run.id(), now()));
    if (!active.isEmpty()) {
      log.info("runbook runs resumed count={}", active.size());
    }
    return active.size();
  }

  /**
   * Moves the run on as far as it can go now: starts steps, records their outcomes, and stops at a
   * step that waits (for approval, for a condition) or at the end. Called by the scheduler, one
   * call per run at a time.
   */
  public void advance(String runId) {
    if (!advancing.add(runId)) {
      return;
    }
    try {
      advanceLocked(runId);
    } finally {
      advancing.remove(runId);
    }
  }

  private void advanceLocked(String runId) {
    for (int guard = 0; guard < 10_000; guard++) {
      Optional<Run> found = runs.find(runId);
      if (found.isEmpty() || found.get().state().terminal()) {
        return;
      }
      Run run = found.get();
      if (run.state() == RunState.PROPOSED
          && run.notBefore().isPresent()
          && now().isBefore(run.notBefore().get())) {
        // scheduled for later (a restart schedules every run that is not over at once)
        scheduler.schedule(run.id(), run.notBefore().get());
        return;
      }
      if (run.state() == RunState.PROPOSED) {
        if (runs.transition(
            run.id(), RunState.PROPOSED, RunState.RUNNING, now(), Optional.empty())) {
          record("runbook.run.started", run, null, Map.of());
        }
        continue;
      }
      Optional<Runbook> runbook = runbooks.apply(run.runbook());
      if (runbook.isEmpty()) {
        end(run, RunState.FAILED, "runbook " + run.runbook() + " is no longer loaded");
        return;
      }
      try {
        if (!step(run, runbook.get())) {
          return;
        }
      } catch (RunbookChanged e) {
        end(run, RunState.FAILED, e.getMessage());
        return;
      }
    }
    throw new IllegalStateException("run " + runId + " did not settle");
  }

  /**
   * One move of the run: the next step started, checked or acted on.
   *
   * @return whether the run may move on at once
   */
  private boolean step(Run run, Runbook runbook) {
    Optional<StepRun> next = next(run);
    if (next.isEmpty()) {
      end(
          run,
          run.state() == RunState.ROLLING_BACK ? RunState.ROLLED_BACK : RunState.SUCCEEDED,
          run.state() == RunState.ROLLING_BACK ? "rollback done" : "all steps done");
      return false;
    }
    StepRun step = next.get();
    if (run.state() == RunState.AWAITING_APPROVAL && step.state() != StepState.AWAITING_APPROVAL) {
      runs.transition(
          run.id(), RunState.AWAITING_APPROVAL, RunState.RUNNING, now(), Optional.empty());
      return true;
    }
    return switch (step.state()) {
      case PENDING -> begin(run, runbook, step);
      case SUBMITTED -> reconcile(run, step);
      case AWAITING_APPROVAL -> checkApproval(run, step);
      case WAITING -> checkAgain(run, step);
      case FAILED -> failed(run, runbook, step);
      default -> throw new IllegalStateException("step " + step.stepId() + " is done");
    };
  }

  /**
   * The step to work on: in the current phase (main steps, or rollback steps while rolling back),
   * the first that is not done, or a failure not yet acted on.
   */
  private Optional<StepRun> next(Run run) {
    boolean rollingBack = run.state() == RunState.ROLLING_BACK;
    for (StepRun step : run.steps()) {
      if (step.rollback() != rollingBack) {
        continue;
      }
      if (step.state() == StepState.FAILED
          && (rollingBack || onFailure(run, step) != OnFailure.CONTINUE)) {
        return Optional.of(step);
      }
      if (!step.state().done()) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }

  private boolean begin(Run run, Runbook runbook, StepRun step) {
    Step definition = definition(runbook, step);
    Map<String, Object> parameters;
    try {
      parameters = definition.render(values(run, runbook));
    } catch (Template.RenderException e) {
      return fail(run, step, StepState.PENDING, "cannot render the step: " + e.getMessage());
    }
    ProposedAction action =
        StepActions.action(
            runbook,
            definition,
            parameters,
            Optional.of(run.id()),
            run.cluster(),
            run.labels(),
            run.startedBy(),
            run.sourceEvent());
    Instant now = now();
    StepRun started =
        step.started(action, now, definition.timeout().map(timeout -> now.plus(timeout)));
    if (!runs.updateStep(run.id(), started, StepState.PENDING)) {
      return true;
    }
    record("runbook.step.started", run, started, Map.of("actionHash", action.hash()));
    return submit(run, started);
  }

  /** Submits the stored action of a step to the gate and records the outcome. */
  private boolean submit(Run run, StepRun step) {
    ProposedAction action = step.action().orElseThrow();
    GateOutcome outcome = gate.submit(action, step.requestId());
    Decision decision = outcome.decision();
    StepRun decided = step.decided(decision.level().wireName(), decision.rule());
    if (outcome instanceof GateOutcome.Executed executed) {
      return completed(run, decided, StepState.SUBMITTED, executed.result());
    } else if (outcome instanceof GateOutcome.AwaitingApproval awaiting) {
      StepRun waiting = decided.awaiting(awaiting.request().preview());
      if (runs.updateStep(run.id(), waiting, StepState.SUBMITTED)) {
        runs.transition(
            run.id(), RunState.RUNNING, RunState.AWAITING_APPROVAL, now(), Optional.empty());
        record(
            "runbook.step.awaiting-approval",
            run,
            waiting,
            Map.of("request", awaiting.request().id()));
        waiting.deadline().ifPresent(deadline -> scheduler.schedule(run.id(), deadline));
      }
      return true;
    } else if (outcome instanceof GateOutcome.Suggested) {
      Optional<String> command = commands.apply(action);
      StepRun suggested =
          decided.suggested(
              now(),
              command,
              "passive: not run"
                  + command.map(text -> "; to do it by hand: " + text).orElse("")
                  + reasons(decision));
      if (runs.updateStep(run.id(), suggested, StepState.SUBMITTED)) {
        record("runbook.step.suggested", run, suggested, Map.of());
      }
      return true;
    }
    runs.updateStep(run.id(), decided, StepState.SUBMITTED);
    return fail(run, decided, StepState.SUBMITTED, "refused by the policy" + reasons(decision));
  }

  /** Records a step's execution result; a wait that is not met yet starts checking again. */
  private boolean completed(Run run, StepRun step, StepState expected, ExecutionResult result) {
    if (result.succeeded()) {
      StepRun done = step.succeeded(now(), result.summary(), result.outputs());
      if (runs.updateStep(run.id(), done, expected)) {
        record("runbook.step.succeeded", run, done, Map.of("summary", result.summary()));
      }
      return true;
    }
    if ("true".equals(result.outputs().get(WaitExecutor.WAITING))) {
      StepRun waiting = step.waiting(result.summary());
      if (runs.updateStep(run.id(), waiting, expected)) {
        record("runbook.step.waiting", run, waiting, Map.of("summary", result.summary()));
        scheduleCheck(run, waiting);
      }
      return false;
    }
    return fail(run, step, expected, result.summary());
  }

  private boolean fail(Run run, StepRun step, StepState expected, String error) {
    StepRun failed = step.failed(now(), error);
    if (runs.updateStep(run.id(), failed, expected)) {
      record("runbook.step.failed", run, failed, Map.of("error", error));
    }
    return true;
  }

  /** Acts on a failed step: continue (nothing to do), stop the run, or roll back. */
  private boolean failed(Run run, Runbook runbook, StepRun step) {
    String why = "step " + step.stepId() + " failed: " + step.error().orElse("no reason");
    if (run.state() == RunState.ROLLING_BACK) {
      skipRest(run, true, "the rollback stopped");
      end(run, RunState.FAILED, "rollback " + why);
      return false;
    }
    OnFailure onFailure = definition(runbook, step).onFailure();
    if (onFailure == OnFailure.ROLLBACK
        && runs.transition(run.id(), run.state(), RunState.ROLLING_BACK, now(), Optional.of(why))) {
      skipRest(run, false, "the run is rolling back");
      record("runbook.run.rolling-back", run, step, Map.of("reason", why));
      return true;
    }
    skipRest(run, false, "the run stopped");
    skipRest(run, true, "the run stopped");
    end(run, RunState.FAILED, why);
    return false;
  }

  private void skipRest(Run run, boolean rollback, String why) {
    for (StepRun step : runs.find(run.id()).orElseThrow().steps()) {
      if (step.rollback() == rollback && step.state() == StepState.PENDING) {
        runs.updateStep(run.id(), step.skipped(why), StepState.PENDING);
      }
    }
  }

  private void end(Run run, RunState to, String note) {
    Run current = runs.find(run.id()).orElseThrow();
    if (current.state().terminal()) {
      return;
    }
    for (StepRun step : current.steps()) {
      if (step.state() == StepState.PENDING) {
        runs.updateStep(run.id(), step.skipped("not needed: " + note), StepState.PENDING);
      }
    }
    if (runs.transition(run.id(), current.state(), to, now(), Optional.of(note))) {
      record("runbook.run." + to.wireName(), current, null, Map.of("note", note));
      log.info("runbook run ended id={} state={} note={}", run.id(), to.wireName(), note);
    }
  }

  /**
   * A step that was submitted and whose outcome was never recorded: Warden stopped while it ran.
   * Its approval request, if the gate opened one, tells where it stands; otherwise the cluster.
   */
  private boolean reconcile(Run run, StepRun step) {
    Optional<ApprovalRequest> request = approvals.find(step.requestId());
    if (request.isPresent()) {
      StepRun waiting = step.awaiting(request.get().preview());
      runs.updateStep(run.id(), waiting, StepState.SUBMITTED);
      return true;
    }
    ProposedAction action = step.action().orElseThrow();
    Reconciliation found = reconciliation(action);
    if (found instanceof Reconciliation.Applied applied) {
      record("runbook.step.reconciled", run, step, Map.of("found", "applied"));
      return completed(run, step, StepState.SUBMITTED, applied.result());
    } else if (found instanceof Reconciliation.NotApplied notApplied) {
      record(
          "runbook.step.reconciled",
          run,
          step,
          Map.of("found", "not applied", "reason", notApplied.reason()));
      return submit(run, step);
    }
    return fail(
        run,
        step,
        StepState.SUBMITTED,
        "Warden stopped while this step ran, and whether it took effect is unknown: "
            + ((Reconciliation.Unknown) found).reason());
  }

  private Reconciliation reconciliation(ProposedAction action) {
    ActionExecutor executor = executors.get(action.kind());
    if (executor == null) {
      return action.mutating()
          ? new Reconciliation.Unknown("no executor for " + action.kind() + " is configured")
          : new Reconciliation.NotApplied("it changes nothing, so it runs again");
    }
    try {
      return executor.reconcile(action);
    } catch (RuntimeException e) {
      return new Reconciliation.Unknown("looking failed: " + e.getMessage());
    }
  }

  /** A step waiting for approval: still waiting, timed out, decided, or cut off after approval. */
  private boolean checkApproval(Run run, StepRun step) {
    Optional<ApprovalRequest> found = approvals.find(step.requestId());
    if (found.isEmpty()) {
      return fail(run, step, StepState.AWAITING_APPROVAL, "its approval request is gone");
    }
    ApprovalRequest request = found.get();
    Instant now = now();
    switch (request.state()) {
      case PENDING:
        if (step.deadline().isPresent() && !now.isBefore(step.deadline().get())) {
          gate.withdraw(request.id(), "step " + step.stepId() + " ran out of time");
          return fail(
              run,
              step,
              StepState.AWAITING_APPROVAL,
              "timed out waiting for approval at " + step.deadline().get());
        }
        runs.transition(
            run.id(), RunState.RUNNING, RunState.AWAITING_APPROVAL, now, Optional.empty());
        step.deadline().ifPresent(deadline -> scheduler.schedule(run.id(), deadline));
        return false;
      case APPROVED:
        Instant approvedAt =
            request.votes().stream().map(Vote::at).max(Comparator.naturalOrder()).orElse(now);
        if (now.isBefore(approvedAt.plus(inFlightGrace))) {
          // the approver's thread is running it; its result comes through the listener
          scheduler.schedule(run.id(), approvedAt.plus(inFlightGrace));
          return false;
        }
        return resumeApproved(run, step);
      case EXECUTED:
        // executed, but Warden stopped before the result reached the run
        Reconciliation executed = reconciliation(step.action().orElseThrow());
        if (executed instanceof Reconciliation.Applied applied) {
          return completed(run, step, StepState.AWAITING_APPROVAL, applied.result());
        }
        return fail(
            run,
            step,
            StepState.AWAITING_APPROVAL,
            "it ran after approval ("
                + request.note().orElse("no result recorded")
                + ")"
                + " but its change is not in the cluster");
      case DENIED:
        return fail(run, step, StepState.AWAITING_APPROVAL, "denied: " + request.note().orElse(""));
      case EXPIRED:
        return fail(
            run,
            step,
            StepState.AWAITING_APPROVAL,
            "its approval request expired at " + request.expiresAt());
      default:
        return fail(
            run,
            step,
            StepState.AWAITING_APPROVAL,
            "its approval request was withdrawn: " + request.note().orElse(""));
    }
  }

  /** Approved, but the execution was cut off: look at the cluster, and run it only if not there. */
  private boolean resumeApproved(Run run, StepRun step) {
    Reconciliation found = reconciliation(step.action().orElseThrow());
    if (found instanceof Reconciliation.Applied applied) {
      record("runbook.step.reconciled", run, step, Map.of("found", "applied"));
      return completed(run, step, StepState.AWAITING_APPROVAL, applied.result());
    } else if (found instanceof Reconciliation.Unknown unknown) {
      return fail(
          run,
          step,
          StepState.AWAITING_APPROVAL,
          "approved, but Warden stopped while it ran, and whether it took effect is unknown: "
              + unknown.reason());
    }
    record("runbook.step.reconciled", run, step, Map.of("found", "not applied"));
    Optional<ExecutionResult> result = gate.resumeApproved(step.requestId());
    if (result.isEmpty()) {
      // the request is no longer approved-and-unexecuted: the next look sees where it stands
      return true;
    }
    return completed(run, step, StepState.AWAITING_APPROVAL, result.get());
  }

  /** A wait: out of time, met, failed, or not yet (check again later). */
  private boolean checkAgain(Run run, StepRun step) {
    Instant now = now();
    if (step.deadline().isPresent() && !now.isBefore(step.deadline().get())) {
      return fail(
          run,
          step,
          StepState.WAITING,
          "timed out at "
              + step.deadline().get()
              + step.summary().map(last -> " (last check: " + last + ")").orElse(""));
    }
    ProbeResult check = waits.check(step.action().orElseThrow().parameters());
    if (check instanceof ProbeResult.NotYet) {
      StepRun again = step.waiting(check.summary());
      runs.updateStep(run.id(), again, StepState.WAITING);
      scheduleCheck(run, again);
      return false;
    }
    return completed(run, step, StepState.WAITING, WaitExecutor.result(check));
  }

  private void scheduleCheck(Run run, StepRun step) {
    Instant next = now().plus(waitInterval);
    if (step.deadline().isPresent() && step.deadline().get().isBefore(next)) {
      next = step.deadline().get();
    }
    scheduler.schedule(run.id(), next);
  }

  /**
   * Cancels the run: pending approval requests are withdrawn and the steps not yet done are
   * skipped. A step that is running finishes; its result is recorded, and nothing after it starts.
   *
   * @return the cancelled run, or empty when there is no such run or it was already over
   */
  public Optional<Run> cancel(String runId, String by, String reason) {
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<Run> found = runs.find(runId);
      if (found.isEmpty() || found.get().state().terminal()) {
        return Optional.empty();
      }
      Run run = found.get();
      String note = "cancelled by " + by + (reason.isBlank() ? "" : ": " + reason);
      if (!runs.transition(runId, run.state(), RunState.CANCELLED, now(), Optional.of(note))) {
        continue;
      }
      for (StepRun step : run.steps()) {
        if (step.state() == StepState.AWAITING_APPROVAL) {
          gate.withdraw(step.requestId(), note);
          runs.updateStep(runId, step.skipped(note), StepState.AWAITING_APPROVAL);
        } else if (step.state() == StepState.PENDING || step.state() == StepState.WAITING) {
          runs.updateStep(runId, step.skipped(note), step.state());
        }
      }
      record("runbook.run.cancelled", run, null, Map.of("by", by, "reason", reason));
      log.info("runbook run cancelled id={} by={}", runId, by);
      return runs.find(runId);
    }
    return Optional.empty();
  }

  /** The gate ran an approved action: if it is a step of a run, record the result and go on. */
  @Override
  public void executed(Permit permit, Optional<String> requestId, ExecutionResult result) {
    if (requestId.isEmpty()) {
      return;
    }
    Optional<RunStore.StepRef> ref = runs.findByRequest(requestId.get());
    if (ref.isEmpty()) {
      return;
    }
    Run run = runs.find(ref.get().runId()).orElseThrow();
    StepRun step = run.step(ref.get().index());
    if (step.state() == StepState.AWAITING_APPROVAL || step.state() == StepState.SUBMITTED) {
      completed(run, step, step.state(), result);
      runs.transition(
          run.id(), RunState.AWAITING_APPROVAL, RunState.RUNNING, now(), Optional.empty());
    }
    scheduler.schedule(run.id(), now());
  }

  /** An approval request of a step was denied, expired or withdrawn: the next advance fails it. */
  @Override
  public void closed(ApprovalRequest request) {
    runs.findByRequest(request.id()).ifPresent(ref -> scheduler.schedule(ref.runId(), now()));
  }

  private Template.Values values(Run run, Runbook runbook) {
    Map<String, Map<String, String>> outputs = new HashMap<>();
    for (StepRun step : run.steps()) {
      if (step.state() == StepState.SUCCEEDED) {
        outputs.put(step.stepId(), step.outputs());
      }
    }
    return runbook.values(run.labels(), run.annotations(), run.params(), outputs);
  }

  private static Step definition(Runbook runbook, StepRun step) {
    List<Step> steps = runbook.allSteps();
    Step definition = step.index() < steps.size() ? steps.get(step.index()) : null;
    if (definition == null
        || !definition.id().equals(step.stepId())
        || !definition.action().equals(step.kind())) {
      throw new RunbookChanged(
          "runbook "
              + runbook.name()
              + " changed while the run was under way: its step "
              + (step.index() + 1)
              + " is no longer "
              + step.stepId()
              + " ("
              + step.kind()
              + ")");
    }
    return definition;
  }

  /** The runbook's steps no longer line up with the run's: the run cannot go on safely. */
  private static final class RunbookChanged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunbookChanged(String message) {
      super(message);
    }
  }

  private OnFailure onFailure(Run run, StepRun step) {
    return runbooks
        .apply(run.runbook())
        .map(runbook -> definition(runbook, step).onFailure())
        .orElse(OnFailure.STOP);
  }

  private static String reasons(Decision decision) {
    return decision.reasons().isEmpty() ? "" : " (" + String.join("; ", decision.reasons()) + ")";
  }

  private Instant now() {
    // the precision the database keeps, so that a run reads back as it was written
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private void record(String type, Run run, StepRun step, Map<String, String> details) {
    Map<String, Object> body = new TreeMap<>(details);
    body.put("run", run.id());
    body.put("runbook", run.runbook());
    if (step != null) {
      body.put("step", step.stepId());
      body.put("kind", step.kind());
      step.level().ifPresent(level -> body.put("level", level));
    }
    audit.append(new AuditRecord(type, now(), JSON.writeValueAsString(body)));
  }

  /**
   * Wires an engine; gate, approvals, runs, scheduler, audit, runbooks and policies are required.
   */
  public static final class Builder {
    private ActionGate gate;
    private ApprovalStore approvals;
    private RunStore runs;
    private RunScheduler scheduler;
    private AuditLog audit;
    private Function<String, Optional<Runbook>> runbooks;
    private Supplier<PolicySet> policies;
    private FreezeSwitch freezeSwitch;
    private final List<ActionExecutor> executors = new ArrayList<>();
    private Waits waits = new Waits(List.of());
    private Function<ProposedAction, Optional<String>> commands = action -> Optional.empty();
    private Clock clock = Clock.systemUTC();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private Duration waitInterval = Duration.ofSeconds(10);
    private Duration inFlightGrace = Duration.ofMinutes(2);

    private Builder() {}

    public Builder gate(ActionGate gate) {
      this.gate = gate;
      return this;
    }

    public Builder approvals(ApprovalStore approvals) {
      this.approvals = approvals;
      return this;
    }

    public Builder runs(RunStore runs) {
      this.runs = runs;
      return this;
    }

    public Builder scheduler(RunScheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder audit(AuditLog audit) {
      this.audit = audit;
      return this;
    }

    /** The loaded runbooks by name; asked at every advance, so a reload takes effect. */
    public Builder runbooks(Function<String, Optional<Runbook>> runbooks) {
      this.runbooks = runbooks;
      return this;
    }

    /** The policies and freeze switch that {@link #plan} decides with (the gate's own). */
    public Builder policies(Supplier<PolicySet> policies, FreezeSwitch freezeSwitch) {
      this.policies = policies;
      this.freezeSwitch = freezeSwitch;
      return this;
    }

    /** The executors, which reconcile steps cut off by a crash (the gate's own). */
    public Builder executors(Collection<? extends ActionExecutor> executors) {
      this.executors.addAll(executors);
      return this;
    }

    /** The probes that {@code wait.until} steps check again. */
    public Builder waits(Waits waits) {
      this.waits = Objects.requireNonNull(waits, "waits");
      return this;
    }

    /** The equivalent command of an action for a person ({@code kubectl ...}), if any. */
    public Builder commands(Function<ProposedAction, Optional<String>> commands) {
      this.commands = Objects.requireNonNull(commands, "commands");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Source of run and request ids; they must be unguessable (the default is a random UUID). */
    public Builder ids(Supplier<String> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** How often a wait checks its condition again (default 10 s). */
    public Builder waitInterval(Duration waitInterval) {
      this.waitInterval = Objects.requireNonNull(waitInterval, "waitInterval");
      return this;
    }

    /**
     * How long an approved step may take to report its result before the run takes its execution
     * for cut off and reconciles it (default 2 min; longer than any one Kubernetes call).
     */
    public Builder inFlightGrace(Duration inFlightGrace) {
      this.inFlightGrace = Objects.requireNonNull(inFlightGrace, "inFlightGrace");
      return this;
    }

    public RunbookEngine build() {
      return new RunbookEngine(this);
    }
  }
}
