package dev.warden.app.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.WardenApplication;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import dev.warden.core.gate.Reconciliation;
import dev.warden.core.runbook.run.AlertInput;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunbookEngine;
import dev.warden.core.runbook.run.StepRun;
import dev.warden.core.runbook.run.StepState;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Crash safety as the issue asks to test it: the application context is stopped in the middle of a
 * run and a new one is started on the same database (H2 in a file), against fabric8's mock API
 * server in CRUD mode. The new context resumes the run from its last completed step; a step that
 * was cut off after its change reached the cluster is found there and not run again.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RunbookCrashResumeIT {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String ALICE = "U0ALICE01";
  private static final String DEPLOYMENT_PATH = "/apis/apps/v1/namespaces/shop/deployments/web";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static final String RUNBOOK =
      """
      name: restart-web
      description: Restart a deployment and wait until it is ready
      match: { alertname: WebStuck }
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
        - id: ready
          action: wait.until
          with: { condition: deployment-ready, namespace: "{{ params.namespace }}", name: "{{ params.deployment }}" }
          timeout: 10m
        - id: report
          action: notify
          with: { text: "restarted {{ params.deployment }}" }
      """;

  private static final String POLICIES =
      """
      groups:
        sre: [U0ALICE01]
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
      """;

  private static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        labels: { app: web }
        annotations: { deployment.kubernetes.io/revision: "3" }
      spec:
        replicas: 2
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - { name: web, image: "registry.example.com/shop/web:1.4.2" }
      status:
        observedGeneration: 1
        replicas: 2
        readyReplicas: 0
        updatedReplicas: 2
        availableReplicas: 0
      """;

  static KubernetesMockServer server;
  static KubernetesClient client;

  @TempDir Path workDir;

  /** Set to hold the next approved restart after it patched the cluster, as a dying process. */
  static volatile CountDownLatch holdAfterPatch;

  private final List<String> recorded = new ArrayList<>();

  @BeforeEach
  void filesAndCluster() throws Exception {
    Files.createDirectories(workDir.resolve("runbooks"));
    Files.writeString(workDir.resolve("runbooks/restart-web.yaml"), RUNBOOK);
    Files.createDirectories(workDir.resolve("policies"));
    Files.writeString(workDir.resolve("policies/policies.yaml"), POLICIES);
    client.apps().deployments().inNamespace("shop").withName("web").delete();
    HasMetadata deployment = SERIALIZATION.unmarshal(DEPLOYMENT);
    client.resource(deployment).create();
    // the CRUD store would apply a dry run; a real API server answers with the would-be object
    Deployment wouldBe = client.apps().deployments().inNamespace("shop").withName("web").get();
    wouldBe
        .getSpec()
        .getTemplate()
        .getMetadata()
        .setAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "(the time of the restart)"));
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENT_PATH + "?dryRun=All")
        .andReturn(200, wouldBe)
        .always();
    holdAfterPatch = null;
    mutatingPatches();
    recorded.clear();
  }

  private ConfigurableApplicationContext startWarden() {
    return new SpringApplicationBuilder(WardenApplication.class, HoldingExecutors.class)
        .web(WebApplicationType.NONE)
        .run(
            "--spring.datasource.url=jdbc:h2:retry:" + workDir.resolve("warden") + ";WRITE_DELAY=0",
            "--warden.runbooks.dir=" + workDir.resolve("runbooks"),
            "--warden.policy.dir=" + workDir.resolve("policies"),
            "--warden.runbooks.wait-interval=200ms",
            "--warden.runbooks.in-flight-grace=1s",
            "--warden.kubernetes.clusters.test.master-url=" + server.url("/"),
            "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000");
  }

  @Test
  void aRunWaitingForApprovalWhenWardenStopsGoesOnInTheNextOneAfterTheApproval() {
    String runId;
    String requestId;
    try (ConfigurableApplicationContext first = startWarden()) {
      runId = start(first).id();
      StepRun restart = awaitStep(first, runId, "restart", StepState.AWAITING_APPROVAL);
      requestId = restart.requestId();
      assertThat(restart.preview().orElseThrow()).contains("restartedAt");
    }

    try (ConfigurableApplicationContext second = startWarden()) {
      ApprovalStore approvals = second.getBean(ApprovalStore.class);
      String hash = approvals.find(requestId).orElseThrow().actionHash();
      second.getBean(ActionGate.class).approve(requestId, ALICE, hash);

      awaitStep(second, runId, "ready", StepState.WAITING);
      markReady();
      Run done = awaitRun(second, runId, RunState.SUCCEEDED);
      assertThat(done.steps()).extracting(StepRun::state).containsOnly(StepState.SUCCEEDED);
    }
    assertThat(mutatingPatches()).hasSize(1);
  }

  @Test
  void aStepCutOffByTheStopAfterItsPatchIsReconciledFromTheClusterAndNotPatchedAgain()
      throws Exception {
    String runId;
    String requestId;
    CompletableFuture<?> approving;
    ConfigurableApplicationContext first = startWarden();
    try {
      runId = start(first).id();
      requestId = awaitStep(first, runId, "restart", StepState.AWAITING_APPROVAL).requestId();
      String hash = first.getBean(ApprovalStore.class).find(requestId).orElseThrow().actionHash();

      holdAfterPatch = new CountDownLatch(1);
      ActionGate gate = first.getBean(ActionGate.class);
      approving = CompletableFuture.runAsync(() -> gate.approve(requestId, ALICE, hash));
      await().atMost(PATIENCE).until(() -> mutatingPatches().size() == 1);
    } finally {
      // the process dies while the restart's result is on its way to the database
      CompletableFuture.runAsync(first::close).get(60, TimeUnit.SECONDS);
      holdAfterPatch.countDown();
    }
    approving.handle((ignored, failure) -> null).get(30, TimeUnit.SECONDS);

    try (ConfigurableApplicationContext second = startWarden()) {
      assertThat(second.getBean(ApprovalStore.class).find(requestId).orElseThrow().state())
          .isEqualTo(ApprovalState.APPROVED);
      StepRun restart = awaitStep(second, runId, "restart", StepState.SUCCEEDED);
      assertThat(restart.summary().orElseThrow())
          .contains("carries change id " + runId + "/restart");
      markReady();
      awaitRun(second, runId, RunState.SUCCEEDED);
    }
    assertThat(mutatingPatches()).hasSize(1);
  }

  private static Run start(ConfigurableApplicationContext context) {
    return context
        .getBean(RunbookEngine.class)
        .start(
            context.getBean(RunbookRepository.class).find("restart-web").orElseThrow(),
            new AlertInput(
                Map.of("alertname", "WebStuck", "namespace", "shop", "deployment", "web"),
                Map.of()),
            Optional.empty(),
            Requester.runbook("restart-web"),
            Optional.empty());
  }

  private static StepRun awaitStep(
      ConfigurableApplicationContext context, String runId, String stepId, StepState state) {
    RunbookEngine engine = context.getBean(RunbookEngine.class);
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                engine.find(runId).orElseThrow().steps().stream()
                    .filter(step -> step.stepId().equals(stepId))
                    .findFirst()
                    .orElseThrow(),
            step -> step.state() == state);
  }

  private static Run awaitRun(
      ConfigurableApplicationContext context, String runId, RunState state) {
    RunbookEngine engine = context.getBean(RunbookEngine.class);
    return await()
        .atMost(PATIENCE)
        .until(() -> engine.find(runId).orElseThrow(), run -> run.state() == state);
  }

  private static void markReady() {
    Deployment deployment = client.apps().deployments().inNamespace("shop").withName("web").get();
    deployment.getStatus().setObservedGeneration(deployment.getMetadata().getGeneration());
    deployment.getStatus().setReadyReplicas(2);
    deployment.getStatus().setAvailableReplicas(2);
    client.apps().deployments().inNamespace("shop").resource(deployment).updateStatus();
  }

  /** The PATCH requests to the deployment that were not dry runs, so far. */
  private synchronized List<String> mutatingPatches() {
    try {
      for (; ; ) {
        RecordedRequest request = server.takeRequest(10, TimeUnit.MILLISECONDS);
        if (request == null) {
          break;
        }
        recorded.add(request.getMethod() + " " + request.getPath());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return recorded.stream().filter(request -> request.equals("PATCH " + DEPLOYMENT_PATH)).toList();
  }

  /**
   * Holds the Kubernetes executor's thread after a mutation reached the cluster, while {@link
   * #holdAfterPatch} is set: a process stopped between the change and the record of it.
   */
  static class HoldingExecutors {
    @org.springframework.context.annotation.Bean
    static BeanPostProcessor holdMutations() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (!(bean instanceof ActionExecutor executor)
              || !executor.kinds().contains("kubernetes.rollout-restart")) {
            return bean;
          }
          return new ActionExecutor() {
            @Override
            public Set<String> kinds() {
              return executor.kinds();
            }

            @Override
            public ExecutionResult execute(Permit permit) {
              ExecutionResult result = executor.execute(permit);
              CountDownLatch hold = holdAfterPatch;
              if (hold != null && permit.action().mutating()) {
                try {
                  hold.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("the process stopped");
              }
              return result;
            }

            @Override
            public Optional<String> preview(ProposedAction action) {
              return executor.preview(action);
            }

            @Override
            public Reconciliation reconcile(ProposedAction action) {
              return executor.reconcile(action);
            }
          };
        }
      };
    }
  }
}
