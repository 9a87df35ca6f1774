package dev.warden.integrations.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.action.Requester;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.event.Source;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.GateListener;
import dev.warden.core.gate.Permit;
import dev.warden.core.gate.VoteOutcome;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.intake.Decoded;
import dev.warden.core.intake.Delivery;
import dev.warden.core.intake.Headers;
import dev.warden.core.kubernetes.Clusters;
import dev.warden.core.kubernetes.Kubectl;
import dev.warden.core.kubernetes.KubernetesExecutor;
import dev.warden.core.kubernetes.KubernetesProbe;
import dev.warden.core.notify.NotifyExecutor;
import dev.warden.core.policy.PolicyLoader;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.redact.Redactor;
import dev.warden.core.runbook.Runbook;
import dev.warden.core.runbook.RunbookLoader;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.AlertRunbooks;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.core.runbook.run.StepRun;
import dev.warden.core.runbook.run.StepState;
import dev.warden.core.testing.InMemoryApprovalStore;
import dev.warden.core.testing.InMemoryAuditLog;
import dev.warden.core.testing.InMemoryFreezeSwitch;
import dev.warden.core.testing.InMemoryRunStore;
import dev.warden.core.testing.ManualRunScheduler;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.SharedFixtures;
import dev.warden.core.wait.WaitExecutor;
import dev.warden.core.wait.Waits;
import dev.warden.integrations.alerting.AlertingProperties;
import dev.warden.integrations.alerting.AlertmanagerWebhookSource;
import dev.warden.integrations.kubernetes.Fabric8Cluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runbooks run end to end: the shipped runbooks, a real Alertmanager notification from {@code
 * ../shared/fixtures/alertmanager}, the runbook engine, the gate and policy engine, the Kubernetes
 * step executor and the fabric8 adapter, against fabric8's mock API server in CRUD mode (objects
 * are stored and patched) with expectations where a CRUD store cannot answer as an API server does
 * (logs, dry runs). Runs, approvals and the audit log are in memory; the application's tests run
 * the same on the database.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RunbooksOnMockClusterTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String ALICE = "U0ALICE01";
  private static final String BOB = "U0BOB0001";
  private static final String NS = "checkout";
  private static final String POD = "checkout-api-7d9f8b6c5d-x2x9k";
  private static final String DEPLOYMENT_PATH =
      "/apis/apps/v1/namespaces/checkout/deployments/checkout-api";

  private static final String POLICIES =
      """
      groups:
        sre-oncall: [U0ALICE01, U0BOB0001]
      rules:
        - name: read-only-lookups
          match: { readOnly: true }
          level: autonomous
        - name: warden-messages
          match: { actions: [notify] }
          level: autonomous
        - name: checkout-changes
          match: { readOnly: false, namespaces: [checkout] }
          level: approve-first
          approvals: { approvers: ["@sre-oncall"], min: 1, ttl: 30m }
      """;

  KubernetesMockServer server;
  KubernetesClient client;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryRunStore runs = new InMemoryRunStore();
  private final ManualRunScheduler scheduler = new ManualRunScheduler(clock);
  private final List<String> notifications = new ArrayList<>();
  private List<Runbook> runbooks;
  private PolicySet policies;
  private ActionGate gate;
  private RunbookEngine engine;
  private boolean crashAfterExecuting;

  @BeforeEach
  void setUp() throws Exception {
    RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(repositoryRoot().resolve("runbooks")));
    assertThat(loaded.problems()).isEmpty();
    runbooks = new ArrayList<>(loaded.runbooks().orElseThrow());
    policies = PolicyLoader.parse("policies.yaml", POLICIES).policies().orElseThrow();
    for (String yaml : List.of(DEPLOYMENT, REPLICA_SET_1, REPLICA_SET_2, POD_YAML)) {
      HasMetadata object = SERIALIZATION.unmarshal(yaml);
      client.resource(object).create();
    }
    ownReplicaSetsAndPod();
    startApplication();
  }

  /** A gate and engine on the (in-memory) stores, as one application context builds them. */
  private void startApplication() {
    Clusters clusters = Clusters.of(new Fabric8Cluster("prod-eu-west-1", client));
    AtomicReference<RunbookEngine> engineRef = new AtomicReference<>();
    KubernetesExecutor kubernetes = new KubernetesExecutor(clusters, clock, Redactor.standard());
    ActionExecutor cutOff =
        new ActionExecutor() {
          @Override
          public Set<String> kinds() {
            return kubernetes.kinds();
          }

          @Override
          public ExecutionResult execute(Permit permit) {
            ExecutionResult result = kubernetes.execute(permit);
            if (crashAfterExecuting && permit.action().mutating()) {
              throw new ProcessDied();
            }
            return result;
          }

          @Override
          public Optional<String> preview(dev.warden.core.action.ProposedAction action) {
            return kubernetes.preview(action);
          }

          @Override
          public dev.warden.core.gate.Reconciliation reconcile(
              dev.warden.core.action.ProposedAction action) {
            return kubernetes.reconcile(action);
          }
        };
    Waits waits = new Waits(List.of(new KubernetesProbe(clusters)));
    List<ActionExecutor> executors =
        List.of(
            cutOff,
            new WaitExecutor(waits),
            new NotifyExecutor(
                (text, runId) -> {
                  notifications.add(text);
                  return "test";
                },
                Redactor.standard()));
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
            .runbooks(name -> runbooks.stream().filter(r -> r.name().equals(name)).findFirst())
            .policies(() -> policies, new InMemoryFreezeSwitch())
            .executors(executors)
            .waits(waits)
            .commands(Kubectl::command)
            .clock(clock)
            .build();
    engineRef.set(engine);
  }

  @Test
  void aCrashLoopingPodIsRestartedAfterOneApprovalAndTheRunWaitsUntilTheDeploymentIsReady() {
    expectLogs("level=info msg=starting\nlevel=error msg=\"db password=hunter2 rejected\"\n");
    expectRestartDryRun();

    Run run = startCrashLoopRun(alert());

    assertThat(step(run, "logs").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(String.join(" ", step(run, "logs").outputs().values())).doesNotContain("hunter2");
    assertThat(step(run, "owner").outputs()).containsEntry("deployment", "checkout-api");
    StepRun restart = step(run, "restart");
    assertThat(restart.state()).isEqualTo(StepState.AWAITING_APPROVAL);
    assertThat(restart.preview().orElseThrow()).contains("kubectl.kubernetes.io/restartedAt");
    assertThat(reload(run).state()).isEqualTo(RunState.AWAITING_APPROVAL);
    assertThat(restartedAt()).isEmpty();

    VoteOutcome vote = gate.approve(restart.requestId(), ALICE, hash(restart));
    assertThat(vote).as(vote.toString()).isInstanceOf(VoteOutcome.Executed.class);
    assertThat(restartedAt()).contains("2026-11-27T12:00:00Z");
    assertThat(changeId()).contains(run.id() + "/restart");

    scheduler.runDue(engine::advance);
    assertThat(step(run, "verify").state()).isEqualTo(StepState.WAITING);
    assertThat(step(run, "verify").summary().orElseThrow()).contains("1 of 3");

    markDeploymentReady();
    clock.advance(Duration.ofSeconds(10));
    scheduler.runDue(engine::advance);

    assertThat(reload(run).state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(notifications)
        .containsExactly(
            "Restarted deployment checkout-api in checkout: container api of pod "
                + POD
                + " was crash-looping.");
    assertThat(mutatingPatches()).hasSize(1);
  }

  @Test
  void aRunDeniedHalfWayChangesNothingInTheCluster() {
    expectLogs("level=error msg=boom\n");
    expectRestartDryRun();
    Run run = startCrashLoopRun(alert());

    VoteOutcome denied = gate.deny(step(run, "restart").requestId(), BOB, "a deploy is in flight");
    assertThat(denied).isInstanceOf(VoteOutcome.Denied.class);
    scheduler.runDue(engine::advance);

    Run done = reload(run);
    assertThat(done.state()).isEqualTo(RunState.FAILED);
    assertThat(done.note().orElseThrow()).contains("step restart failed: denied");
    assertThat(step(run, "verify").state()).isEqualTo(StepState.SKIPPED);
    assertThat(step(run, "report").state()).isEqualTo(StepState.SKIPPED);
    assertThat(restartedAt()).isEmpty();
    assertThat(mutatingPatches()).isEmpty();
    assertThat(notifications).isEmpty();
  }

  @Test
  void aWaitThatRunsOutOfTimeRollsTheDeploymentBackToItsPreviousRevision() throws Exception {
    runbooks.add(
        RunbookLoader.parse(
                "restart-or-undo.yaml",
                """
                name: restart-or-undo
                description: Restart; if it is not ready within a minute, roll back
                match: { alertname: KubePodCrashLooping }
                params: { namespace: "{{ labels.namespace }}" }
                steps:
                  - id: restart
                    action: kubernetes.rollout-restart
                    with: { namespace: "{{ params.namespace }}", kind: deployment, name: checkout-api }
                  - id: ready
                    action: wait.until
                    with: { condition: deployment-ready, namespace: "{{ params.namespace }}", name: checkout-api }
                    timeout: 1m
                    on-failure: rollback
                rollback:
                  - id: undo
                    action: kubernetes.rollout-undo
                    with: { namespace: "{{ params.namespace }}", name: checkout-api }
                """)
            .runbooks()
            .orElseThrow()
            .get(0));
    expectRestartDryRun();
    Run run =
        engine.start(
            runbook("restart-or-undo"),
            alert(),
            Optional.empty(),
            Requester.runbook("restart-or-undo"),
            Optional.empty());
    scheduler.runDue(engine::advance);
    gate.approve(step(run, "restart").requestId(), ALICE, hash(step(run, "restart")));
    scheduler.runDue(engine::advance);
    assertThat(step(run, "ready").state()).isEqualTo(StepState.WAITING);

    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofSeconds(10));
      scheduler.runDue(engine::advance);
    }

    assertThat(step(run, "ready").state()).isEqualTo(StepState.FAILED);
    assertThat(step(run, "ready").error().orElseThrow()).startsWith("timed out at");
    assertThat(reload(run).state()).isEqualTo(RunState.ROLLING_BACK);
    StepRun undo = step(run, "undo");
    assertThat(undo.state()).isEqualTo(StepState.AWAITING_APPROVAL);

    gate.approve(undo.requestId(), BOB, hash(undo));
    scheduler.runDue(engine::advance);

    assertThat(reload(run).state()).isEqualTo(RunState.ROLLED_BACK);
    assertThat(step(run, "undo").summary().orElseThrow())
        .startsWith("rolled Deployment checkout/checkout-api back from revision 2 to revision 1");
    assertThat(changeId()).contains(run.id() + "/undo");
    // The CRUD store merges lists item by item, unlike an API server's merge patch, which
    // replaces them, and keeps no body of the requests it handles: so the template is checked in
    // the undo's dry run, which is the same patch (its change id is in the store, above).
    Received undoPatch =
        received().stream()
            .filter(request -> request.method().equals("PATCH"))
            .filter(request -> request.path().equals(DEPLOYMENT_PATH + "?dryRun=All"))
            .filter(request -> request.body().contains("/undo"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(received()));
    assertThat(undoPatch.body())
        .contains("\"image\":\"registry.example.com/checkout/api:2.3.0\"")
        .contains(run.id() + "/undo")
        .doesNotContain("pod-template-hash");
  }

  @Test
  void aStepCutOffByACrashAfterItsPatchIsFoundInTheClusterAndNotPatchedAgain() {
    expectLogs("level=error msg=boom\n");
    expectRestartDryRun();
    Run run = startCrashLoopRun(alert());
    String requestId = step(run, "restart").requestId();

    crashAfterExecuting = true;
    assertThatThrownBy(() -> gate.approve(requestId, ALICE, hash(step(run, "restart"))))
        .isInstanceOf(ProcessDied.class);
    assertThat(mutatingPatches()).hasSize(1);
    assertThat(approvals.find(requestId).orElseThrow().state()).isEqualTo(ApprovalState.APPROVED);

    crashAfterExecuting = false;
    startApplication();
    engine.resumeAll();
    clock.advance(Duration.ofMinutes(3));
    scheduler.runDue(engine::advance);

    assertThat(step(run, "restart").state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(step(run, "restart").summary().orElseThrow())
        .isEqualTo("Deployment checkout/checkout-api carries change id " + run.id() + "/restart");
    assertThat(mutatingPatches()).hasSize(1);
    assertThat(step(run, "verify").state()).isEqualTo(StepState.WAITING);
  }

  @Test
  void labelValuesWithTemplatesAndShellCharactersNeverReachTheApi() {
    Map<String, String> labels = new java.util.LinkedHashMap<>(alert().labels());
    labels.put("pod", "x; kubectl delete ns prod $(curl evil) {{ params.namespace }}");
    Run run = startCrashLoopRun(new AlertInput(labels, alert().annotations()));

    assertThat(step(run, "logs").state()).isEqualTo(StepState.FAILED);
    assertThat(step(run, "logs").action().orElseThrow().parameters().get("pod"))
        .isEqualTo("x; kubectl delete ns prod $(curl evil) {{ params.namespace }}");
    assertThat(reload(run).state()).isEqualTo(RunState.FAILED);
    assertThat(requests()).noneMatch(path -> path.contains("curl") || path.contains("delete"));
  }

  @Test
  void aFiringAlertFromTheIntakeStartsTheMatchingRunbookOnceHoweverOftenItIsSent() {
    expectLogs("level=error msg=boom\n");
    expectRestartDryRun();
    AlertRunbooks onAlerts =
        new AlertRunbooks(engine, () -> runbooks, runs, labels -> Optional.empty());

    onAlerts.handle(received(1, "alertmanager/01-firing-single.json"));
    scheduler.runDue(engine::advance);
    // the same group again (Alertmanager's repeat interval; an at-least-once redelivery)
    onAlerts.handle(received(2, "alertmanager/01-firing-single.json"));
    onAlerts.handle(received(1, "alertmanager/01-firing-single.json"));
    // the group resolved: nothing to start
    onAlerts.handle(received(3, "alertmanager/02-resolved-single.json"));

    List<Run> started = runs.recent(10);
    assertThat(started).hasSize(1);
    Run run = started.get(0);
    assertThat(run.runbook()).isEqualTo("crashloop-restart");
    assertThat(run.sourceEvent()).contains("1");
    assertThat(run.params()).containsEntry("pod", POD).containsEntry("container", "api");
    assertThat(step(run, "restart").state()).isEqualTo(StepState.AWAITING_APPROVAL);
    assertThat(step(run, "restart").action().orElseThrow().requester())
        .isEqualTo(Requester.runbook("crashloop-restart"));
  }

  private static ReceivedEvent received(long id, String fixture) {
    AlertmanagerWebhookSource source =
        new AlertmanagerWebhookSource(new AlertingProperties("token", null, null, null));
    Decoded.Delivered delivered =
        (Decoded.Delivered)
            source.decode(
                new Delivery(
                    Source.ALERTMANAGER, Headers.of(Map.of()), SharedFixtures.bytes(fixture)));
    return new ReceivedEvent(
        id,
        Source.ALERTMANAGER,
        delivered.dedupKey(),
        delivered.event(),
        1,
        Instant.parse("2026-11-27T12:00:00Z"));
  }

  private Run startCrashLoopRun(AlertInput alert) {
    Runbook runbook = runbook("crashloop-restart");
    assertThat(runbook.matches(alert.labels())).isTrue();
    Run run =
        engine.start(
            runbook, alert, Optional.empty(), Requester.runbook(runbook.name()), Optional.empty());
    scheduler.runDue(engine::advance);
    return reload(run);
  }

  /** The first alert of the real KubePodCrashLooping notification. */
  private static AlertInput alert() {
    return AlertInput.fromJson(
        new String(
            SharedFixtures.bytes("alertmanager/01-firing-single.json"),
            java.nio.charset.StandardCharsets.UTF_8),
        0);
  }

  private Runbook runbook(String name) {
    return runbooks.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private Run reload(Run run) {
    return runs.find(run.id()).orElseThrow();
  }

  private StepRun step(Run run, String id) {
    return reload(run).steps().stream()
        .filter(step -> step.stepId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private String hash(StepRun step) {
    return approvals.find(step.requestId()).orElseThrow().actionHash();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace(NS).withName("checkout-api").get();
  }

  private Optional<String> restartedAt() {
    Map<String, String> annotations =
        deployment().getSpec().getTemplate().getMetadata().getAnnotations();
    return Optional.ofNullable(
        annotations == null ? null : annotations.get("kubectl.kubernetes.io/restartedAt"));
  }

  private Optional<String> changeId() {
    return Optional.ofNullable(
        deployment().getMetadata().getAnnotations().get("warden.dev/change-id"));
  }

  /** What a real API server answers to the restart's dry run: the object as it would be. */
  private void expectRestartDryRun() {
    Deployment wouldBe = deployment();
    wouldBe
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "2026-11-27T12:00:00Z"));
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENT_PATH + "?dryRun=All")
        .andReturn(200, wouldBe)
        .always();
  }

  /** The CRUD store keeps no logs: the API server's answer for the crash-looping container. */
  private void expectLogs(String log) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/checkout/pods/"
                + POD
                + "/log?pretty=false&previous=true&tailLines=500&container=api")
        .andReturn(200, log)
        .always();
  }

  private void markDeploymentReady() {
    Deployment deployment = deployment();
    deployment.getStatus().setObservedGeneration(deployment.getMetadata().getGeneration());
    deployment.getStatus().setReadyReplicas(3);
    deployment.getStatus().setUpdatedReplicas(3);
    deployment.getStatus().setAvailableReplicas(3);
    client.apps().deployments().inNamespace(NS).resource(deployment).updateStatus();
  }

  /** Sets the owner references with the uids the store gave, as the controllers would. */
  private void ownReplicaSetsAndPod() {
    String deploymentUid = deployment().getMetadata().getUid();
    for (String name : List.of("checkout-api-6b8c7d9f4a", "checkout-api-7d9f8b6c5d")) {
      client
          .apps()
          .replicaSets()
          .inNamespace(NS)
          .withName(name)
          .edit(
              rs -> {
                rs.getMetadata()
                    .setOwnerReferences(
                        List.of(
                            new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                                .withApiVersion("apps/v1")
                                .withKind("Deployment")
                                .withName("checkout-api")
                                .withUid(deploymentUid)
                                .withController(true)
                                .build()));
                return rs;
              });
    }
    String replicaSetUid =
        client
            .apps()
            .replicaSets()
            .inNamespace(NS)
            .withName("checkout-api-7d9f8b6c5d")
            .get()
            .getMetadata()
            .getUid();
    client
        .pods()
        .inNamespace(NS)
        .withName(POD)
        .edit(
            pod -> {
              pod.getMetadata()
                  .setOwnerReferences(
                      List.of(
                          new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                              .withApiVersion("apps/v1")
                              .withKind("ReplicaSet")
                              .withName("checkout-api-7d9f8b6c5d")
                              .withUid(replicaSetUid)
                              .withController(true)
                              .build()));
              return pod;
            });
  }

  /** Every request the mock server received so far, as {@code METHOD path}. */
  private List<String> requests() {
    return received().stream().map(request -> request.method() + " " + request.path()).toList();
  }

  /** Every request the mock server received so far, with its body. */
  private List<Received> received() {
    try {
      for (; ; ) {
        RecordedRequest request =
            server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (request == null) {
          return List.copyOf(recorded);
        }
        recorded.add(new Received(request.getMethod(), request.getPath(), request.getUtf8Body()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Received(String method, String path, String body) {}

  private final List<Received> recorded = new ArrayList<>();

  /** PATCH requests to the deployment that were not dry runs. */
  private List<String> mutatingPatches() {
    return requests().stream()
        .filter(request -> request.startsWith("PATCH " + DEPLOYMENT_PATH))
        .filter(request -> !request.contains("dryRun"))
        .toList();
  }

  private static Path repositoryRoot() {
    String root = System.getProperty("maven.multiModuleProjectDirectory");
    Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("runbooks"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no runbooks/ above " + start);
  }

  /**
   * Stands for the process dying mid-step: an Error, which neither the gate nor the engine catch.
   */
  static final class ProcessDied extends Error {
    private static final long serialVersionUID = 1L;
  }

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: checkout-api
        namespace: checkout
        generation: 4
        labels: { app: checkout-api }
        annotations:
          deployment.kubernetes.io/revision: "2"
      spec:
        replicas: 3
        selector:
          matchLabels: { app: checkout-api }
        template:
          metadata:
            labels: { app: checkout-api }
          spec:
            containers:
              - name: api
                image: registry.example.com/checkout/api:2.4.0
      status:
        observedGeneration: 4
        replicas: 3
        readyReplicas: 1
        updatedReplicas: 3
        availableReplicas: 1
      """;

  private static final String REPLICA_SET_1 =
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: checkout-api-6b8c7d9f4a
        namespace: checkout
        labels: { app: checkout-api, pod-template-hash: 6b8c7d9f4a }
        annotations:
          deployment.kubernetes.io/revision: "1"
      spec:
        replicas: 0
        selector:
          matchLabels: { app: checkout-api, pod-template-hash: 6b8c7d9f4a }
        template:
          metadata:
            labels: { app: checkout-api, pod-template-hash: 6b8c7d9f4a }
          spec:
            containers:
              - name: api
                image: registry.example.com/checkout/api:2.3.0
      """;

  private static final String REPLICA_SET_2 =
      """
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: checkout-api-7d9f8b6c5d
        namespace: checkout
        labels: { app: checkout-api, pod-template-hash: 7d9f8b6c5d }
        annotations:
          deployment.kubernetes.io/revision: "2"
      spec:
        replicas: 3
        selector:
          matchLabels: { app: checkout-api, pod-template-hash: 7d9f8b6c5d }
        template:
          metadata:
            labels: { app: checkout-api, pod-template-hash: 7d9f8b6c5d }
          spec:
            containers:
              - name: api
                image: registry.example.com/checkout/api:2.4.0
      """;

  private static final String POD_YAML =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: checkout-api-7d9f8b6c5d-x2x9k
        namespace: checkout
        labels: { app: checkout-api, pod-template-hash: 7d9f8b6c5d }
      spec:
        nodeName: worker-1
        containers:
          - name: api
            image: registry.example.com/checkout/api:2.4.0
            resources:
              limits: { memory: 512Mi }
              requests: { memory: 256Mi }
      status:
        phase: Running
        containerStatuses:
          - name: api
            ready: false
            restartCount: 7
            lastState:
              terminated: { reason: Error, exitCode: 1 }
      """;
}
