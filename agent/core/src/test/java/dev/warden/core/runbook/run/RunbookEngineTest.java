package dev.warden.core.runbook.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateListener;
import dev.warden.core.gate.Permit;
import dev.warden.core.gate.Reconciliation;
import dev.warden.core.gate.VoteOutcome;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.testing.InMemoryApprovalStore;
import dev.warden.core.testing.InMemoryAuditLog;
import dev.warden.core.testing.InMemoryFreezeSwitch;
import dev.warden.core.testing.InMemoryRunStore;
import dev.warden.core.testing.ManualRunScheduler;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.wait.Probe;
import dev.warden.core.wait.ProbeResult;
import dev.warden.core.wait.WaitExecutor;
import dev.warden.core.wait.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run state machine over the real gate and policy engine, with in-memory stores and a fake
 * cluster of deployments. A crash is simulated by an executor that throws an {@link Error} after
 * (or before) applying its change, which nothing catches; a new engine and gate on the same stores
 * then resume the run, as a new application context on the same database would.
 */
class RunbookEngineTest {
  private static final String POLICIES =
      """
      groups:
        sre: [U0ALICE01, U0BOB0001]
      rules:
        - name: reads
          match: { readOnly: true }
          level: autonomous
        - name: messages
          match: { actions: [notify] }
          level: autonomous
        - name: shop-changes
          match: { readOnly: false, namespaces: [shop] }
          level: approve-first
          approvals: { approvers: ["@sre"], min: 1, ttl: 30m }
        - name: deletes
          match: { actions: [kubernetes.delete-pod] }
          level: passive
      """;

  private static final String RUNBOOK =
      """
      name: restart-web
      description: Restart a deployment and wait until it is ready; undo on failure
      match:
        alertname: WebDown
      params:
        namespace: "{{ labels.namespace }}"
        deployment: "{{ labels.deployment }}"
      steps:
        - id: status
          action: kubernetes.get
          with: { namespace: "{{ params.namespace }}", kind: deployment, name: "{{ params.deployment }}" }
        - id: restart
          action: kubernetes.rollout-restart
          with: { namespace: "{{ params.namespace }}", kind: deployment, name: "{{ steps.status.output.name }}" }
          on-failure: rollback
        - id: verify
          action: wait.until
          with: { condition: deployment-ready, namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
          timeout: 1m
          on-failure: rollback
        - id: report
          action: notify
          with: { text: "Restarted {{ params.deployment }} in {{ params.namespace }}" }
      rollback:
        - id: undo
          action: kubernetes.rollout-undo
          with: { namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
      """;

  private static final AlertInput ALERT =
      new AlertInput(
          Map.of("alertname", "WebDown", "namespace", "shop", "deployment", "web"),
          Map.of("summary", "web is down"));

  private static final String ALICE = "U0ALICE01";
  private static final String BOB = "U0BOB0001";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryRunStore runs = new InMemoryRunStore();
  private final ManualRunScheduler scheduler = new ManualRunScheduler(clock);
  private final FakeDeployments cluster = new FakeDeployments();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private Runbook runbook;
  private PolicySet policies;
  private ActionGate gate;
  private RunbookEngine engine;

  @BeforeEach
  void setUp() {
    runbook = runbook("restart-web.yaml", RUNBOOK);
    policies = policies(POLICIES);
    cluster.deployments.put("web", new HashMap<>());
    startApplication();
  }

  /** A gate and an engine on the stores, as one application context would build them. */
  private void startApplication() {
    AtomicReference<RunbookEngine> engineRef = new AtomicReference<>();
    List<ActionExecutor> executors =
        List.of(cluster, notifier, new WaitExecutor(new Waits(List.of(cluster))));
    gate =
        ActionGate.builder()
            .policies(() -> policies)
            .freezeSwitch(new InMemoryFreezeSwitch())
            .approvals(approvals)
            .audit(audit)
            .executors(executors)
            .clock(clock)
            .listener(GateListener.later(engineRef::get))
            .build();
    engine =
        RunbookEngine.builder()
            .gate(gate)
            .approvals(approvals)
            .runs(runs)
            .scheduler(scheduler)
            .audit(audit)
            .runbooks(name -> name.equals(runbook.name()) ? Optional.of(runbook) : Optional.empty())
            .policies(() -> policies, new InMemoryFreezeSwitch())
            .executors(executors)
            .waits(new Waits(List.of(cluster)))
            .commands(
                action ->
                    Optional.of(
                        "kubectl " + action.kind() + " " + action.target().name().orElse("")))
            .clock(clock)
            .waitInterval(Duration.ofSeconds(10))
            .inFlightGrace(Duration.ofMinutes(2))
            .build();
    engineRef.set(engine);
  }

  private Run start() {
    Run run =
        engine.start(
            runbook,
            ALERT,
            Optional.of("prod"),
            Requester.runbook("restart-web"),
            Optional.empty());
    scheduler.runDue(engine::advance);
    return runs.find(run.id()).orElseThrow();
  }

  private Run reload(Run run) {
    return runs.find(run.id()).orElseThrow();
  }

  private StepRun step(Run run, String id) {
    return reload(run).steps().stream()
        .filter(s -> s.stepId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private String presentedHash(Run run, String stepId) {
    return approvals.find(step(run, stepId).requestId()).orElseThrow().actionHash();
  }

  @Test
  void anApproveFirstRunWaitsForTheApprovalThenRunsEveryStepOnce() {
    Run run = start();

    assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);
    assertThat(step(run, "status").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(run, "status").level()).contains("autonomous");
    StepRun restart = step(run, "restart");
    assertThat(restart.state()).isEqualTo(StepState.AWAITING_APPROVAL);
    assertThat(restart.level()).contains("approve-first");
    assertThat(restart.preview()).contains("would restart deployment web");
    assertThat(restart.action().orElseThrow().parameters())
        .containsEntry("name", "web")
        .containsEntry(ActionExecutor.CHANGE_ID, run.id() + "/restart");
    assertThat(cluster.restarts).isZero();

    VoteOutcome vote = gate.approve(restart.requestId(), ALICE, presentedHash(run, "restart"));
    assertThat(vote).isInstanceOf(VoteOutcome.Executed.class);
    assertThat(cluster.restarts).isEqualTo(1);
    assertThat(step(run, "restart").state()).isEqualTo(StepState.SUCCEEDED);

    scheduler.runDue(engine::advance);
    assertThat(step(run, "verify").state()).isEqualTo(StepState.WAITING);
    assertThat(reload(run).state()).isEqualTo(RunState.RUNNING);

    cluster.ready = true;
    clock.advance(Duration.ofSeconds(10));
    scheduler.runDue(engine::advance);

    Run done = reload(run);
    assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(step(run, "verify").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(run, "report").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(run, "undo").state()).isEqualTo(StepState.SKIPPED);
    assertThat(notifier.messages).containsExactly("Restarted web in shop");
    assertThat(cluster.restarts).isEqualTo(1);
    assertThat(cluster.undos).isZero();
    assertThat(auditTypes())
        .containsSubsequence(
            "runbook.run.created",
            "runbook.run.started",
            "runbook.step.started",
            "runbook.step.succeeded",
            "runbook.step.awaiting-approval",
            "approval.vote",
            "execution",
            "runbook.step.succeeded",
            "runbook.step.waiting",
            "runbook.step.succeeded",
            "runbook.run.succeeded");
  }

  @Test
  void aRunDeniedHalfWayStopsAndRunsNothingMore() {
    Run run = start();

    VoteOutcome vote = gate.deny(step(run, "restart").requestId(), BOB, "not during the sale");
    assertThat(vote).isInstanceOf(VoteOutcome.Denied.class);
    scheduler.runDue(engine::advance);

    Run done = reload(run);
    // restart has on-failure: rollback, so the undo step is proposed (and waits for approval)
    assertThat(step(run, "restart").state()).isEqualTo(StepState.FAILED);
    assertThat(step(run, "restart").error().orElseThrow()).contains("not during the sale");
    assertThat(step(run, "verify").state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(run, "report").state()).isEqualTo(StepState.SKIPPED);
    assertThat(done.state()).isEqualTo(RunState.ROLLING_BACK);
    assertThat(step(run, "undo").state()).isEqualTo(StepState.AWAITING_APPROVAL);

    gate.deny(step(run, "undo").requestId(), BOB, "nothing to undo");
    scheduler.runDue(engine::advance);

    assertThat(reload(run).state()).isEqualTo(RunState.FAILED);
    assertThat(reload(run).note().orElseThrow()).contains("rollback step undo failed");
    assertThat(cluster.restarts).isZero();
    assertThat(cluster.undos).isZero();
    assertThat(notifier.messages).isEmpty();
  }

  @Test
  void aWaitThatRunsOutOfTimeFailsTheStepAndTheRunRollsBack() {
    Run run = start();
    gate.approve(step(run, "restart").requestId(), ALICE, presentedHash(run, "restart"));
    scheduler.runDue(engine::advance);
    assertThat(step(run, "verify").state()).isEqualTo(StepState.WAITING);

    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      scheduler.runDue(engine::advance);
      assertThat(step(run, "verify").state()).isEqualTo(StepState.WAITING);
    }
    assertThat(scheduler.timer(run.id())).contains(Instant.parse("2026-11-27T12:01:00Z"));
    clock.advance(Duration.ofSeconds(10));
    scheduler.runDue(engine::advance);

    StepRun verify = step(run, "verify");
    assertThat(verify.state()).isEqualTo(StepState.FAILED);
    assertThat(verify.error().orElseThrow()).startsWith("timed out at 2026-11-27T12:01:00Z");
    assertThat(reload(run).state()).isEqualTo(RunState.ROLLING_BACK);

    gate.approve(step(run, "undo").requestId(), BOB, presentedHash(run, "undo"));
    scheduler.runDue(engine::advance);

    assertThat(reload(run).state()).isEqualTo(RunState.ROLLED_BACK);
    assertThat(step(run, "report").state()).isEqualTo(StepState.SKIPPED);
    assertThat(cluster.undos).isEqualTo(1);
    assertThat(cluster.probes).isEqualTo(6);
  }

  @Test
  void aStepCutOffAfterItsChangeIsReconciledAsDoneAndNeverRunAgain() {
    Run run = start();
    cluster.crash = Crash.AFTER_APPLYING;
    assertThatThrownBy(
            () ->
                gate.approve(
                    step(run, "restart").requestId(), ALICE, presentedHash(run, "restart")))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(cluster.restarts).isEqualTo(1);
    assertThat(approvals.find(step(run, "restart").requestId()).orElseThrow().state())
        .isEqualTo(ApprovalState.APPROVED);

    cluster.crash = Crash.NO;
    startApplication();
    assertThat(engine.resumeAll()).isEqualTo(1);
    scheduler.runDue(engine::advance);
    // within the grace the approver's thread may still be running it: the run leaves it alone
    assertThat(step(run, "restart").state()).isEqualTo(StepState.AWAITING_APPROVAL);

    clock.advance(Duration.ofMinutes(2));
    scheduler.runDue(engine::advance);

    assertThat(step(run, "restart").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(cluster.restarts).isEqualTo(1);
    assertThat(step(run, "verify").state()).isEqualTo(StepState.WAITING);
    assertThat(auditTypes()).contains("runbook.step.reconciled");
  }

  @Test
  void aStepCutOffBeforeItsChangeRunsOnceWhenTheRunResumes() {
    Run run = start();
    cluster.crash = Crash.BEFORE_APPLYING;
    String requestId = step(run, "restart").requestId();
    assertThatThrownBy(() -> gate.approve(requestId, ALICE, presentedHash(run, "restart")))
        .isInstanceOf(SimulatedCrash.class);
    assertThat(cluster.restarts).isZero();

    cluster.crash = Crash.NO;
    startApplication();
    engine.resumeAll();
    clock.advance(Duration.ofMinutes(3));
    scheduler.runDue(engine::advance);

    assertThat(cluster.restarts).isEqualTo(1);
    assertThat(step(run, "restart").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(approvals.find(requestId).orElseThrow().state()).isEqualTo(ApprovalState.EXECUTED);
  }

  @Test
  void anAutonomousStepCutOffMidwayIsReconciledFromTheCluster() {
    policies = policies(POLICIES.replace("namespaces: [shop]", "namespaces: [none]"));
    // shop changes are now passive, reads autonomous: the get step is the one cut off
    cluster.crash = Crash.BEFORE_APPLYING;
    cluster.crashOnRead = true;
    Run run =
        engine.start(
            runbook,
            ALERT,
            Optional.of("prod"),
            Requester.runbook("restart-web"),
            Optional.empty());
    assertThatThrownBy(() -> scheduler.runDue(engine::advance)).isInstanceOf(SimulatedCrash.class);
    assertThat(step(run, "status").state()).isEqualTo(StepState.SUBMITTED);

    cluster.crash = Crash.NO;
    cluster.crashOnRead = false;
    startApplication();
    engine.resumeAll();
    scheduler.runDue(engine::advance);

    assertThat(step(run, "status").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(run, "restart").state()).isEqualTo(StepState.SUGGESTED);
    assertThat(step(run, "restart").command()).contains("kubectl kubernetes.rollout-restart web");
    assertThat(cluster.restarts).isZero();
  }

  @Test
  void cancellingWithdrawsThePendingApprovalSoALateClickRunsNothing() {
    Run run = start();
    String requestId = step(run, "restart").requestId();

    Run cancelled = engine.cancel(run.id(), "U0CAROL01", "fixed by hand").orElseThrow();

    assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
    assertThat(cancelled.note()).contains("cancelled by U0CAROL01: fixed by hand");
    assertThat(approvals.find(requestId).orElseThrow().state()).isEqualTo(ApprovalState.WITHDRAWN);
    VoteOutcome late = gate.approve(requestId, ALICE, presentedHash(run, "restart"));
    assertThat(late).isInstanceOf(VoteOutcome.Refused.class);
    assertThat(((VoteOutcome.Refused) late).refusal()).isEqualTo(VoteOutcome.Refusal.NOT_PENDING);
    scheduler.runDue(engine::advance);
    assertThat(cluster.restarts).isZero();
    assertThat(reload(run).steps())
        .filteredOn(s -> !s.stepId().equals("status"))
        .allMatch(s -> s.state() == StepState.SKIPPED);
    assertThat(engine.cancel(run.id(), "U0CAROL01", "again")).isEmpty();
    assertThat(auditTypes()).contains("approval.withdrawn", "runbook.run.cancelled");
  }

  @Test
  void anApprovalThatIsNotGivenInTheStepsTimeIsWithdrawn() {
    runbook =
        runbook(
            "restart-web.yaml",
            RUNBOOK.replace(
                "name: \"{{ steps.status.output.name }}\" }\n    on-failure: rollback",
                "name: \"{{ steps.status.output.name }}\" }\n    timeout: 5m"));
    Run run = start();
    String requestId = step(run, "restart").requestId();
    assertThat(scheduler.timer(run.id())).contains(Instant.parse("2026-11-27T12:05:00Z"));

    clock.advance(Duration.ofMinutes(5));
    scheduler.runDue(engine::advance);

    assertThat(step(run, "restart").error().orElseThrow())
        .contains("timed out waiting for approval");
    assertThat(approvals.find(requestId).orElseThrow().state()).isEqualTo(ApprovalState.WITHDRAWN);
    assertThat(reload(run).state()).isEqualTo(RunState.FAILED);
  }

  @Test
  void aPassiveStepShowsItsCommandAndTheRunGoesOn() {
    runbook =
        runbook(
            "delete.yaml",
            """
                name: delete-stuck-pod
                description: Delete a stuck pod
                match: { alertname: PodStuck }
                steps:
                  - id: delete
                    action: kubernetes.delete-pod
                    with: { namespace: "{{ labels.namespace }}", pod: "{{ labels.pod }}" }
                  - id: report
                    action: notify
                    with: { text: "Asked to delete {{ labels.pod }}" }
                """);
    Run run =
        engine.start(
            runbook,
            new AlertInput(
                Map.of("alertname", "PodStuck", "namespace", "shop", "pod", "web-1"), Map.of()),
            Optional.empty(),
            Requester.runbook("delete-stuck-pod"),
            Optional.empty());
    scheduler.runDue(engine::advance);

    assertThat(reload(run).state()).isEqualTo(RunState.SUCCEEDED);
    StepRun delete = step(run, "delete");
    assertThat(delete.state()).isEqualTo(StepState.SUGGESTED);
    assertThat(delete.level()).contains("passive");
    assertThat(delete.command()).contains("kubectl kubernetes.delete-pod web-1");
    assertThat(delete.summary().orElseThrow()).contains("to do it by hand: kubectl");
    assertThat(cluster.deletes).isZero();
    assertThat(notifier.messages).containsExactly("Asked to delete web-1");
  }

  @Test
  void labelValuesWithTemplatesAndShellCharactersStayInertData() {
    String hostile = "web; rm -rf / $(curl evil) {{ params.namespace }}";
    AlertInput alert =
        new AlertInput(
            Map.of("alertname", "WebDown", "namespace", "shop", "deployment", hostile), Map.of());
    cluster.deployments.put(hostile, new HashMap<>());

    RunPlan plan = engine.plan(runbook, alert, Optional.empty(), Requester.runbook("restart-web"));
    assertThat(plan.params()).containsEntry("deployment", hostile);
    assertThat(plan.steps().get(0).parameters()).containsEntry("name", hostile);
    assertThat(plan.steps().get(1).parameters())
        .containsEntry("name", "<steps.status.output.name>");

    Run run =
        engine.start(
            runbook, alert, Optional.empty(), Requester.runbook("restart-web"), Optional.empty());
    scheduler.runDue(engine::advance);
    ProposedAction restart = step(run, "restart").action().orElseThrow();
    assertThat(restart.parameters()).containsEntry("name", hostile);
    assertThat(restart.tainted()).isTrue();
    assertThat(step(run, "report").state()).isEqualTo(StepState.PENDING);
  }

  @Test
  void thePlanDecidesEveryStepAndRunsNothing() {
    RunPlan plan =
        engine.plan(runbook, ALERT, Optional.of("prod"), Requester.runbook("restart-web"));

    assertThat(plan.steps())
        .extracting(RunPlan.Planned::stepId)
        .containsExactly("status", "restart", "verify", "report", "undo");
    assertThat(plan.steps())
        .extracting(planned -> planned.decision().level())
        .containsExactly(
            Level.AUTONOMOUS,
            Level.APPROVE_FIRST,
            Level.AUTONOMOUS,
            Level.AUTONOMOUS,
            Level.APPROVE_FIRST);
    assertThat(plan.steps().get(4).rollback()).isTrue();
    assertThat(plan.steps().get(1).decision().rule()).contains("shop-changes");
    assertThat(cluster.calls).isZero();
    assertThat(runs.recent(10)).isEmpty();
    assertThat(approvals.pending()).isEmpty();
  }

  @Test
  void aRunWhoseRunbookChangedUnderItStopsInsteadOfRunningOtherSteps() {
    Run run = start();
    runbook = runbook("restart-web.yaml", RUNBOOK.replace("- id: restart", "- id: bounce"));

    gate.deny(step(run, "restart").requestId(), BOB, "not now");
    scheduler.runDue(engine::advance);

    Run done = reload(run);
    assertThat(done.state()).isEqualTo(RunState.FAILED);
    assertThat(done.note().orElseThrow())
        .contains("runbook restart-web changed while the run was under way")
        .contains("no longer restart");
    assertThat(cluster.undos).isZero();
  }

  @Test
  void aRunScheduledForLaterStartsThenAndARestartDoesNotStartItEarly() {
    Instant later = Instant.parse("2026-11-27T15:00:00Z");
    Run run =
        engine.start(
            runbook,
            ALERT,
            Optional.empty(),
            Requester.runbook("restart-web"),
            Optional.empty(),
            Optional.of(later));

    assertThat(run.notBefore()).contains(later);
    assertThat(scheduler.timer(run.id())).contains(later);
    startApplication();
    engine.resumeAll();
    scheduler.runDue(engine::advance);
    assertThat(reload(run).state()).isEqualTo(RunState.PROPOSED);
    assertThat(cluster.calls).isZero();
    assertThat(scheduler.timer(run.id())).contains(later);

    clock.advance(Duration.ofHours(3));
    scheduler.runDue(engine::advance);

    assertThat(reload(run).state()).isEqualTo(RunState.AWAITING_APPROVAL);
    assertThat(step(run, "status").state()).isEqualTo(StepState.SUCCEEDED);
  }

  @Test
  void aMissingLabelIsAnErrorNamingIt() {
    AlertInput alert =
        new AlertInput(Map.of("alertname", "WebDown", "namespace", "shop"), Map.of());

    assertThatThrownBy(
            () ->
                engine.start(
                    runbook, alert, Optional.empty(), Requester.runbook("x"), Optional.empty()))
        .hasMessageContaining("deployment");
    assertThat(runs.recent(10)).isEmpty();
  }

  private static Runbook runbook(String file, String text) {
    RunbookLoader.Loaded loaded = RunbookLoader.parse(file, text);
    assertThat(loaded.problems()).isEmpty();
    return loaded.runbooks().orElseThrow().get(0);
  }

  private static PolicySet policies(String text) {
    PolicyLoader.Loaded loaded = PolicyLoader.parse("policies.yaml", text);
    assertThat(loaded.problems()).noneMatch(problem -> problem.isError());
    return loaded.policies().orElseThrow();
  }

  private List<String> auditTypes() {
    return audit.entries.stream().map(AuditEntry::type).toList();
  }

  enum Crash {
    NO,
    BEFORE_APPLYING,
    AFTER_APPLYING
  }

  /** Stands for the process dying: an Error, which neither the gate nor the engine catches. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;
  }

  /** Deployments by name with their annotations; restarts and undos record the change id. */
  static final class FakeDeployments implements ActionExecutor, Probe {
    final Map<String, Map<String, String>> deployments = new HashMap<>();
    Crash crash = Crash.NO;
    boolean crashOnRead;
    boolean ready;
    int restarts;
    int undos;
    int deletes;
    int probes;
    int calls;

    @Override
    public Set<String> kinds() {
      return Set.of(
          "kubernetes.get",
          "kubernetes.rollout-restart",
          "kubernetes.rollout-undo",
          "kubernetes.delete-pod");
    }

    @Override
    public ExecutionResult execute(Permit permit) {
      calls++;
      ProposedAction action = permit.action();
      String name = (String) action.parameters().get("name");
      Map<String, String> deployment = deployments.get(name);
      if (deployment == null) {
        return ExecutionResult.failed("no deployment " + name);
      }
      if (crash == Crash.BEFORE_APPLYING && (action.mutating() || crashOnRead)) {
        throw new SimulatedCrash();
      }
      switch (action.kind()) {
        case "kubernetes.get":
          return ExecutionResult.succeeded("deployment " + name, Map.of("name", name));
        case "kubernetes.rollout-restart":
          restarts++;
          break;
        case "kubernetes.rollout-undo":
          undos++;
          break;
        default:
          deletes++;
      }
      deployment.put("change-id", (String) action.parameters().get(CHANGE_ID));
      if (crash == Crash.AFTER_APPLYING) {
        throw new SimulatedCrash();
      }
      return ExecutionResult.succeeded(action.kind() + " " + name);
    }

    @Override
    public Optional<String> preview(ProposedAction action) {
      calls++;
      return Optional.of("would restart deployment " + action.parameters().get("name"));
    }

    @Override
    public Reconciliation reconcile(ProposedAction action) {
      if (!action.mutating()) {
        return new Reconciliation.NotApplied("a read");
      }
      Map<String, String> deployment = deployments.get((String) action.parameters().get("name"));
      return action.parameters().get(CHANGE_ID).equals(deployment.get("change-id"))
          ? new Reconciliation.Applied(ExecutionResult.succeeded("found applied"))
          : new Reconciliation.NotApplied("no change id on the deployment");
    }

    @Override
    public Set<String> conditions() {
      return Set.of("deployment-ready");
    }

    @Override
    public ProbeResult check(String condition, Map<String, Object> parameters) {
      probes++;
      return ready
          ? new ProbeResult.Met("3 of 3 ready", Map.of())
          : new ProbeResult.NotYet("1 of 3 ready");
    }
  }

  /** Records notify actions. */
  static final class RecordingNotifier implements ActionExecutor {
    final List<String> messages = new ArrayList<>();

    @Override
    public Set<String> kinds() {
      return Set.of("notify");
    }

    @Override
    public ExecutionResult execute(Permit permit) {
      messages.add((String) permit.action().parameters().get("text"));
      return ExecutionResult.succeeded("notified");
    }
  }
}
