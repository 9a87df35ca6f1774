package dev.warden.app.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.timers.QuartzTimes;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import dev.warden.core.gate.VoteOutcome;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.core.runbook.run.StepRun;
import dev.warden.core.wait.Probe;
import dev.warden.core.wait.ProbeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runbook runs through the whole application on H2: the runbooks and policies from files, the runs
 * in the database, their timers in Quartz. A run started through the engine is advanced by its
 * Quartz timer, step by step, to the end, as the database shows; a wait checks its condition again
 * on the timer until it holds; a run left active in the database before Warden started is resumed
 * when it starts. The cluster is a fake {@code kubernetes.get} executor and a probe whose condition
 * holds after a set number of checks. An approve-first step waits for its approval request, with
 * the executor's preview, and its result reaches the run through the gate's listener.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.main.allow-bean-definition-overriding=true")
// closed after the class, so that its Quartz threads stop advancing runs in a database no other
// test uses
@DirtiesContext
class RunbookRunH2IT {
  private static final String DATABASE = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final String RUNBOOK =
      """
      name: check-web
      description: Look at a deployment, tell people, wait until it is ready
      match:
        alertname: WebDown
      params:
        namespace: "{{ labels.namespace }}"
        deployment: "{{ labels.deployment }}"
      steps:
        - id: status
          action: kubernetes.get
          with: { namespace: "{{ params.namespace }}", kind: deployment, name: "{{ params.deployment }}" }
        - id: report
          action: notify
          with: { text: "{{ params.deployment }} has {{ steps.status.output.replicas }} replicas; {{ annotations.hint }}" }
        - id: ready
          action: wait.until
          with: { condition: test-ready, namespace: "{{ params.namespace }}", name: "{{ steps.status.output.name }}" }
          timeout: 5m
      """;

  private static final String RESTART =
      """
      name: restart-web
      description: Restart a deployment once someone has approved it
      match:
        alertname: WebStuck
      steps:
        - id: restart
          action: kubernetes.rollout-restart
          with: { namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
        - id: report
          action: notify
          with: { text: "restarted {{ labels.deployment }}" }
      """;

  private static final String POLICIES =
      """
      groups:
        sre: [U0ALICE1]
      rules:
        - name: restarts
          match: { actions: [kubernetes.rollout-restart] }
          level: approve-first
          approvals: { approvers: ["@sre"], min: 1, ttl: 30m }
        - name: reads
          match: { readOnly: true }
          level: autonomous
        - name: messages
          match: { actions: [notify] }
          level: autonomous
      """;

  @TempDir static Path workDir;
  private static String resumedRunId;

  @Autowired RunbookEngine engine;
  @Autowired ActionGate gate;
  @Autowired ApprovalStore approvals;
  @Autowired RunbookRepository runbooks;
  @Autowired RunbooksHealthIndicator health;
  @Autowired QuartzRunScheduler runScheduler;
  @Autowired Scheduler scheduler;
  @Autowired AuditLog audit;
  @Autowired DataSource dataSource;
  @Autowired FakeDeployments deployments;
  @Autowired CountingProbe probe;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> DATABASE);
    registry.add("warden.runbooks.dir", () -> workDir.resolve("runbooks").toString());
    registry.add("warden.policy.dir", () -> workDir.resolve("policies").toString());
    registry.add("warden.runbooks.wait-interval", () -> "200ms");
  }

  /**
   * Writes the runbooks and policies, and leaves a run in the database, not scheduled, as a crash
   * right after it was created would: the application context starts after this.
   */
  @BeforeAll
  static void filesAndARunLeftActive() throws IOException {
    Files.createDirectories(workDir.resolve("runbooks"));
    Files.writeString(workDir.resolve("runbooks/check-web.yaml"), RUNBOOK);
    Files.writeString(workDir.resolve("runbooks/restart-web.yaml"), RESTART);
    Files.createDirectories(workDir.resolve("policies"));
    Files.writeString(workDir.resolve("policies/policies.yaml"), POLICIES);
    JdbcDataSource database = new JdbcDataSource();
    database.setURL(DATABASE);
    database.setUser("sa");
    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    resumedRunId = "left-" + UUID.randomUUID();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    new JdbcRunStore(database)
        .create(
            new Run(
                resumedRunId,
                "check-web",
                Optional.empty(),
                Map.of("alertname", "WebDown", "namespace", "shop", "deployment", "left"),
                Map.of("hint", "resumed"),
                Map.of("namespace", "shop", "deployment", "left"),
                Requester.runbook("check-web"),
                Optional.empty(),
                RunState.PROPOSED,
                at,
                at,
                Optional.empty(),
                List.of(
                    StepRun.pending(
                        0, false, "status", "kubernetes.get", UUID.randomUUID().toString()),
                    StepRun.pending(1, false, "report", "notify", UUID.randomUUID().toString()),
                    StepRun.pending(
                        2, false, "ready", "wait.until", UUID.randomUUID().toString()))));
  }

  private Run start(String deployment, String hint) {
    Runbook runbook = runbooks.find("check-web").orElseThrow();
    return engine.start(
        runbook,
        new AlertInput(
            Map.of("alertname", "WebDown", "namespace", "shop", "deployment", deployment),
            Map.of("hint", hint)),
        Optional.of("prod"),
        Requester.runbook("check-web"),
        Optional.of("alertmanager:" + deployment));
  }

  /** The run's state as the database has it. */
  private String runState(String runId) {
    return JdbcClient.create(dataSource)
        .sql("SELECT state FROM runbook_run WHERE id = :id")
        .param("id", runId)
        .query(String.class)
        .single();
  }

  /** The run's steps' ids and states as the database has them, in order. */
  private List<String> stepStates(String runId) {
    return JdbcClient.create(dataSource)
        .sql("SELECT step_id, state FROM runbook_step WHERE run_id = :id ORDER BY idx")
        .param("id", runId)
        .query((rs, row) -> rs.getString("step_id") + "=" + rs.getString("state"))
        .list();
  }

  private List<String> auditTypes(String runId) {
    return audit.read(1, 10_000).stream()
        .filter(entry -> entry.body().contains("\"run\":\"" + runId + "\""))
        .map(AuditEntry::type)
        .toList();
  }

  @Test
  void quartzAdvancesARunStepByStepToTheEnd() {
    probe.readyAfter("web", 0);

    Run run = start("web", "see --password=s3cr3t-value and {{ params.namespace }} $(reboot)");

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(runState(run.id())).isEqualTo("SUCCEEDED"));
    assertThat(stepStates(run.id()))
        .containsExactly("status=SUCCEEDED", "report=SUCCEEDED", "ready=SUCCEEDED");
    Run done = engine.find(run.id()).orElseThrow();
    assertThat(done.step(0).level()).contains("autonomous");
    assertThat(done.step(0).rule()).contains("reads");
    assertThat(done.step(0).outputs()).containsEntry("replicas", "3");
    assertThat(done.step(1).summary()).contains("notified log");
    // the alert's annotation came through as data, redacted, never rendered as a template
    assertThat(done.step(1).outputs().get("text"))
        .startsWith("web has 3 replicas; see --password=")
        .endsWith(" and {{ params.namespace }} $(reboot)")
        .doesNotContain("s3cr3t-value");
    assertThat(done.step(2).summary()).contains("deployment shop/web is ready");
    assertThat(deployments.asked()).contains("shop/web");
    assertThat(auditTypes(run.id()))
        .contains("runbook.run.created", "runbook.run.started", "runbook.run.succeeded")
        .filteredOn(type -> type.equals("runbook.step.succeeded"))
        .hasSize(3);
    // the timer is gone once the run is over
    await().untilAsserted(() -> assertThat(runScheduler.isScheduled(run.id())).isFalse());
  }

  @Test
  void aWaitChecksItsConditionAgainOnTheTimerUntilItHolds() {
    probe.readyAfter("slow", 3);

    Run run = start("slow", "slow to start");

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(runState(run.id())).isEqualTo("SUCCEEDED"));
    // three checks found it not ready; the fourth found it ready, and nothing checked after that
    assertThat(probe.checks("slow")).isEqualTo(4);
    StepRun ready = engine.find(run.id()).orElseThrow().step(2);
    assertThat(ready.summary()).contains("deployment shop/slow is ready");
    assertThat(ready.startedAt()).isPresent();
    assertThat(ready.endedAt()).isPresent();
    assertThat(auditTypes(run.id())).contains("runbook.step.waiting", "runbook.run.succeeded");
  }

  @Test
  void anApprovedStepRunsAndItsResultReachesTheRunThroughTheGatesListener() {
    Run run =
        engine.start(
            runbooks.find("restart-web").orElseThrow(),
            new AlertInput(
                Map.of("alertname", "WebStuck", "namespace", "shop", "deployment", "api"),
                Map.of()),
            Optional.empty(),
            Requester.runbook("restart-web"),
            Optional.empty());
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(runState(run.id())).isEqualTo("AWAITING_APPROVAL"));
    StepRun restart = engine.find(run.id()).orElseThrow().step(0);
    ApprovalRequest request = approvals.find(restart.requestId()).orElseThrow();
    assertThat(request.preview()).contains("would restart deployment shop/api");
    assertThat(restart.preview()).isEqualTo(request.preview());
    assertThat(deployments.restarted()).isEmpty();

    VoteOutcome vote = gate.approve(request.id(), "U0ALICE1", request.actionHash());

    assertThat(vote).isInstanceOf(VoteOutcome.Executed.class);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(runState(run.id())).isEqualTo("SUCCEEDED"));
    assertThat(stepStates(run.id())).containsExactly("restart=SUCCEEDED", "report=SUCCEEDED");
    assertThat(deployments.restarted()).containsExactly("shop/api");
    assertThat(engine.find(run.id()).orElseThrow().step(0).level()).contains("approve-first");
  }

  @Test
  void resumesARunLeftActiveWhenWardenStarts() {
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(runState(resumedRunId)).isEqualTo("SUCCEEDED"));
    assertThat(stepStates(resumedRunId))
        .containsExactly("status=SUCCEEDED", "report=SUCCEEDED", "ready=SUCCEEDED");
    assertThat(deployments.asked()).contains("shop/left");
  }

  @Test
  void schedulingARunAgainReplacesItsTimer() throws Exception {
    String id = "no-such-run-" + UUID.randomUUID();
    Instant later = Instant.now().plus(Duration.ofDays(1));

    runScheduler.schedule(id, later);
    runScheduler.schedule(id, later.plus(Duration.ofHours(1)));

    JobKey key = new JobKey(id, QuartzRunScheduler.GROUP);
    assertThat(scheduler.getTriggersOfJob(key)).hasSize(1);
    assertThat(runScheduler.nextFireTime(id))
        .contains(QuartzTimes.fireTime(later.plus(Duration.ofHours(1))));
    JobDetail job = scheduler.getJobDetail(key);
    assertThat(job.getJobClass()).isEqualTo(RunAdvanceJob.class);
    assertThat(job.requestsRecovery()).isTrue();
    assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
    scheduler.deleteJob(key);
    assertThat(runScheduler.isScheduled(id)).isFalse();
  }

  @Test
  void reportsTheRunbooksInForceInItsHealth() {
    Health report = health.health();

    assertThat(report.getDetails())
        .containsEntry("runbooks", List.of("check-web", "restart-web"))
        .containsEntry("state", "loaded");
  }

  /**
   * A stand-in for the Kubernetes executor: every deployment exists with 3 replicas, and a restart
   * is recorded.
   */
  static class FakeDeployments implements ActionExecutor {
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> restarted = new CopyOnWriteArrayList<>();

    @Override
    public Set<String> kinds() {
      return Set.of("kubernetes.get", "kubernetes.rollout-restart");
    }

    @Override
    public ExecutionResult execute(Permit permit) {
      String deployment = deployment(permit.action());
      if (permit.action().kind().equals("kubernetes.rollout-restart")) {
        restarted.add(deployment);
        return ExecutionResult.succeeded("restarted deployment " + deployment);
      }
      asked.add(deployment);
      String name = String.valueOf(permit.action().parameters().get("name"));
      return ExecutionResult.succeeded(
          "deployment " + deployment + ": 3 replicas", Map.of("name", name, "replicas", "3"));
    }

    @Override
    public Optional<String> preview(ProposedAction action) {
      return Optional.of("would restart deployment " + deployment(action));
    }

    private static String deployment(ProposedAction action) {
      return action.parameters().get("namespace") + "/" + action.parameters().get("name");
    }

    List<String> asked() {
      return List.copyOf(asked);
    }

    List<String> restarted() {
      return List.copyOf(restarted);
    }
  }

  /** Deployments that are ready after a set number of checks that find them not ready. */
  static class CountingProbe implements Probe {
    private final Map<String, Integer> notReadyChecks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();

    void readyAfter(String name, int notReady) {
      notReadyChecks.put(name, notReady);
    }

    int checks(String name) {
      return checks.getOrDefault(name, new AtomicInteger()).get();
    }

    @Override
    public Set<String> conditions() {
      return Set.of("test-ready");
    }

    @Override
    public ProbeResult check(String condition, Map<String, Object> parameters) {
      String name = String.valueOf(parameters.get("name"));
      String what = "deployment " + parameters.get("namespace") + "/" + name;
      int check = checks.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
      if (check <= notReadyChecks.getOrDefault(name, 0)) {
        return new ProbeResult.NotYet(what + " is not ready (check " + check + ")");
      }
      return new ProbeResult.Met(what + " is ready", Map.of());
    }
  }

  /**
   * The fake cluster. The fake executor takes the place of the application's Kubernetes executor
   * (same bean name, with overriding allowed in this test): the gate accepts one executor per kind.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class Cluster {
    @Bean
    FakeDeployments kubernetesExecutor() {
      return new FakeDeployments();
    }

    @Bean
    CountingProbe countingProbe() {
      return new CountingProbe();
    }
  }
}
