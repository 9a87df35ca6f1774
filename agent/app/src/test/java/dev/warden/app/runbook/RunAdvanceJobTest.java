package dev.warden.app.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.warden.app.approval.JdbcApprovalStore;
import dev.warden.app.audit.JdbcAuditLog;
import dev.warden.app.policy.JdbcFreezeSwitch;
import dev.warden.app.testing.Databases;
import dev.warden.core.action.Requester;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.notify.NotifyExecutor;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunScheduler;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunStore;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.core.runbook.run.StepState;
import dev.warden.core.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;

/**
 * The run timer's job against a real engine and gate on H2, with a clock the test moves: it
 * advances the run its key names, and when advancing fails it sets the run's timer again 30 s after
 * it fired, or fails the job when even that is impossible.
 */
class RunAdvanceJobTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final String POLICIES =
      """
      rules:
        - name: messages
          match: { actions: [notify] }
          level: autonomous
      """;
  private static final String RUNBOOK =
      """
      name: say-hello
      description: Tells people about the alert
      match:
        alertname: WebDown
      steps:
        - id: tell
          action: notify
          with: { text: "{{ labels.alertname }} in {{ labels.namespace }}" }
      """;

  private final MutableClock clock = new MutableClock(T0);
  private final List<Timer> timers = new ArrayList<>();
  private final RunScheduler recording = (runId, at) -> timers.add(new Timer(runId, at));
  private DataSource dataSource;
  private Runbook runbook;

  private record Timer(String runId, Instant at) {}

  @BeforeEach
  void setUp() {
    dataSource = Databases.h2();
    RunbookLoader.Loaded loaded = RunbookLoader.parse("say-hello.yaml", RUNBOOK);
    runbook = loaded.runbooks().orElseThrow().get(0);
  }

  private RunbookEngine engine(RunStore runs) {
    PolicySet policies = PolicyLoader.parse("policies.yaml", POLICIES).policies().orElseThrow();
    JdbcApprovalStore approvals = new JdbcApprovalStore(dataSource);
    JdbcAuditLog audit = new JdbcAuditLog(dataSource);
    JdbcFreezeSwitch freeze = new JdbcFreezeSwitch(dataSource);
    NotifyExecutor notify = new NotifyExecutor(new LogNotifier(), Redactor.standard());
    ActionGate gate =
        ActionGate.builder()
            .policies(() -> policies)
            .freezeSwitch(freeze)
            .approvals(approvals)
            .audit(audit)
            .expiry((requestId, at) -> {})
            .executors(List.of(notify))
            .clock(clock)
            .build();
    return RunbookEngine.builder()
        .gate(gate)
        .approvals(approvals)
        .runs(runs)
        .scheduler(recording)
        .audit(audit)
        .runbooks(name -> name.equals(runbook.name()) ? Optional.of(runbook) : Optional.empty())
        .policies(() -> policies, freeze)
        .executors(List.of(notify))
        .clock(clock)
        .build();
  }

  private static JobExecutionContext firing(String runId, Instant at) {
    JobDetail detail = mock(JobDetail.class);
    when(detail.getKey()).thenReturn(new JobKey(runId, QuartzRunScheduler.GROUP));
    JobExecutionContext context = mock(JobExecutionContext.class);
    when(context.getJobDetail()).thenReturn(detail);
    when(context.getFireTime()).thenReturn(Date.from(at));
    return context;
  }

  /** A store on a database without Warden's tables: every call fails, as when it is away. */
  private static JdbcRunStore unreachableStore() {
    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:" + UUID.randomUUID());
    empty.setUser("sa");
    return new JdbcRunStore(empty);
  }

  @Test
  void advancesTheRunItsKeyNames() throws Exception {
    JdbcRunStore runs = new JdbcRunStore(dataSource);
    RunbookEngine engine = engine(runs);
    Run run =
        engine.start(
            runbook,
            new AlertInput(Map.of("alertname", "WebDown", "namespace", "shop"), Map.of()),
            Optional.empty(),
            Requester.runbook("say-hello"),
            Optional.empty());
    assertThat(timers).containsExactly(new Timer(run.id(), T0));
    timers.clear();

    new RunAdvanceJob(engine, recording).execute(firing(run.id(), T0));

    Run done = runs.find(run.id()).orElseThrow();
    assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(done.step(0).state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(done.step(0).summary()).contains("notified log");
    assertThat(done.step(0).outputs()).containsEntry("text", "WebDown in shop");
    assertThat(timers).isEmpty();
  }

  @Test
  void leavesAnUnknownRunAlone() throws Exception {
    new RunAdvanceJob(engine(new JdbcRunStore(dataSource)), recording).execute(firing("gone", T0));

    assertThat(timers).isEmpty();
  }

  @Test
  void setsTheTimerAgainThirtySecondsAfterItFiredWhenAdvancingFails() throws Exception {
    Instant firedAt = T0.plusSeconds(7);

    new RunAdvanceJob(engine(unreachableStore()), recording).execute(firing("run-1", firedAt));

    assertThat(timers).containsExactly(new Timer("run-1", firedAt.plusSeconds(30)));
  }

  @Test
  void failsTheJobWhenTheTimerCannotBeSetAgainEither() {
    RunScheduler broken =
        (runId, at) -> {
          throw new IllegalStateException("job store away");
        };

    assertThatThrownBy(
            () ->
                new RunAdvanceJob(engine(unreachableStore()), broken).execute(firing("run-1", T0)))
        .isInstanceOf(JobExecutionException.class)
        .satisfies(
            e ->
                assertThat(e.getCause().getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s).hasMessage("job store away")));
  }
}
