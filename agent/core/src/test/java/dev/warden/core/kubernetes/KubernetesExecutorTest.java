package dev.warden.core.kubernetes;

import static dev.warden.core.kubernetes.ShopCluster.POD;
import static dev.warden.core.kubernetes.ShopCluster.action;
import static dev.warden.core.kubernetes.ShopCluster.deployment;
import static dev.warden.core.kubernetes.ShopCluster.node;
import static dev.warden.core.kubernetes.ShopCluster.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Target;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.TestPermits;
import dev.warden.core.redact.Redactor;
import dev.warden.core.testing.InMemoryCluster;
import dev.warden.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every {@code kubernetes.*} step, executed on {@link ShopCluster}. */
class KubernetesExecutorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final InMemoryCluster prod = ShopCluster.prod();
  private final KubernetesExecutor executor =
      new KubernetesExecutor(Clusters.of(prod), clock, Redactor.standard());

  private ExecutionResult run(String kind, Map<String, ?> parameters) {
    return executor.execute(TestPermits.of(action(kind, parameters)));
  }

  private ExecutionResult run(ProposedAction action) {
    return executor.execute(TestPermits.of(action));
  }

  @Test
  void runsEveryKubernetesStepKind() {
    assertThat(executor.kinds())
        .containsExactlyInAnyOrder(
            "kubernetes.get",
            "kubernetes.describe",
            "kubernetes.pod-logs",
            "kubernetes.rollout-restart",
            "kubernetes.rollout-undo",
            "kubernetes.scale",
            "kubernetes.delete-pod",
            "kubernetes.cordon",
            "kubernetes.uncordon");
  }

  @Nested
  class Get {
    @Test
    void aPodGivesItsOwningDeploymentThroughItsReplicaSetsOwner() {
      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of(
                  "namespace", "shop", "kind", "pod", "name", POD, "output", "owner-deployment"));

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(result.outputs())
          .containsEntry("deployment", "web")
          .containsEntry("owner_kind", "Deployment")
          .containsEntry("phase", "Running")
          .containsEntry("ready", "false")
          .containsEntry("restarts", "7")
          .containsEntry("node", ShopCluster.NODE)
          .containsEntry("state", "waiting: CrashLoopBackOff")
          .containsEntry("last_termination_reason", "OOMKilled")
          .containsEntry("last_exit_code", "137");
      assertThat(prod.calls("get"))
          .extracting(call -> call.ref().orElseThrow().toString())
          .containsExactly("Pod shop/" + POD, "ReplicaSet shop/web-6d4cf56db6");
    }

    @Test
    void aPodGivesTheMemoryOfTheNamedContainerElseTheFirst() {
      Map<String, String> first =
          run("kubernetes.get", Map.of("namespace", "shop", "kind", "pod", "name", POD)).outputs();
      Map<String, String> sidecar =
          run(
                  "kubernetes.get",
                  Map.of(
                      "namespace",
                      "shop",
                      "kind",
                      "pod",
                      "name",
                      POD,
                      "container",
                      "istio-proxy",
                      "output",
                      "container-resources"))
              .outputs();

      assertThat(first)
          .containsEntry("container", "app")
          .containsEntry("memory_limit", "512Mi")
          .containsEntry("memory_request", "256Mi")
          .containsEntry("cpu_limit", "not set");
      assertThat(sidecar)
          .containsEntry("container", "istio-proxy")
          .containsEntry("memory_limit", "1Gi")
          .containsEntry("memory_request", "128Mi")
          .containsEntry("cpu_limit", "2");
    }

    @Test
    void aPodWithoutAnOwningDeploymentFailsOnlyWhenTheRunbookAsksForIt() {
      Map<String, Object> asked =
          Map.of(
              "namespace",
              "shop",
              "kind",
              "pod",
              "name",
              "postgres-0",
              "output",
              "owner-deployment");

      ExecutionResult failed = run("kubernetes.get", asked);
      ExecutionResult plain =
          run("kubernetes.get", Map.of("namespace", "shop", "kind", "pod", "name", "postgres-0"));

      assertThat(failed.succeeded()).isFalse();
      assertThat(failed.summary())
          .isEqualTo(
              "Pod shop/postgres-0 is not owned by a Deployment (its owner is StatefulSet postgres)");
      assertThat(plain.succeeded()).isTrue();
      assertThat(plain.outputs())
          .doesNotContainKey("deployment")
          .containsEntry("owner_kind", "StatefulSet")
          .containsEntry("owner", "postgres");
    }

    @Test
    void anUnknownContainerFailsNamingThePodsContainers() {
      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of("namespace", "shop", "kind", "pod", "name", POD, "container", "worker"));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .contains("has no container 'worker'")
          .contains("its containers are app, istio-proxy");
    }

    @Test
    void aDeploymentGivesItsCurrentRevisionAndReplicas() {
      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of(
                  "namespace",
                  "shop",
                  "kind",
                  "deployment",
                  "name",
                  "web",
                  "output",
                  "rollout-history"));

      assertThat(result.outputs())
          .containsEntry("current_revision", "5")
          .containsEntry("replicas", "3")
          .containsEntry("ready_replicas", "1")
          .containsEntry("updated_replicas", "3")
          .containsEntry("available_replicas", "1")
          .containsEntry("images", "registry.example.com/shop/web:1.5.0")
          .containsEntry("available", "False")
          .containsEntry("paused", "false");
      assertThat(prod.calls()).hasSize(1);
    }

    @Test
    void aJobGivesItsFailedPods() {
      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of("namespace", "batch", "kind", "job", "name", "nightly-report"));

      assertThat(result.outputs())
          .containsEntry("failed", "4")
          .containsEntry("succeeded", "0")
          .containsEntry("status", "Failed")
          .containsEntry("reason", "BackoffLimitExceeded")
          .containsEntry("backoff_limit", "3");
    }

    @Test
    void aClaimGivesItsCapacityAndStorageClass() {
      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of(
                  "namespace", "shop", "kind", "persistentvolumeclaim", "name", "data-postgres-0"));

      assertThat(result.outputs())
          .containsEntry("capacity", "50Gi")
          .containsEntry("storage_class", "gp3")
          .containsEntry("phase", "Bound")
          .containsEntry("access_modes", "ReadWriteOnce");
    }

    @Test
    void aNodeGivesItsReadinessAndWhetherItIsCordoned() {
      ExecutionResult result =
          run("kubernetes.get", Map.of("kind", "node", "name", ShopCluster.NODE));

      assertThat(result.outputs())
          .containsEntry("ready", "unknown")
          .containsEntry("ready_reason", "NodeStatusUnknown")
          .containsEntry("unschedulable", "false")
          .containsEntry("pressure", "DiskPressure")
          .containsEntry("taints", "node.kubernetes.io/unreachable:NoSchedule")
          .doesNotContainKey("namespace");
    }

    @Test
    void withoutANameListsBySelector() {
      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of("namespace", "batch", "kind", "pods", "selector", "job-name=nightly-report"));

      assertThat(result.succeeded()).isTrue();
      assertThat(result.outputs()).containsEntry("count", "4").containsEntry("kind", "Pod");
      assertThat(result.outputs().get("names")).contains("batch/nightly-report-ax7k0");
    }

    @Test
    void aMissingObjectFailsNamingIt() {
      ExecutionResult result =
          run("kubernetes.get", Map.of("namespace", "shop", "kind", "deployment", "name", "nope"));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary()).isEqualTo("Deployment shop/nope not found in cluster prod");
    }

    @Test
    void theOwnersOfAnotherDeploymentsReplicaSetAreNotGuessedFromTheName() {
      // a pod whose ReplicaSet is gone: no deployment, even though its name starts with web-
      prod.put(
          """
          apiVersion: v1
          kind: Pod
          metadata:
            name: web-5b8d9c6f4-qq2lm
            namespace: shop
            ownerReferences:
              - { apiVersion: apps/v1, kind: ReplicaSet, name: web-deleted-rs, uid: x, controller: true }
          spec: { containers: [ { name: app, image: "registry.example.com/shop/web:1.4.0" } ] }
          status: { phase: Running }
          """);

      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of(
                  "namespace",
                  "shop",
                  "kind",
                  "pod",
                  "name",
                  "web-5b8d9c6f4-qq2lm",
                  "output",
                  "owner-deployment"));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary()).contains("is not owned by a Deployment");
    }
  }

  @Nested
  class Refusals {
    @Test
    void theKindSecretIsRefusedBeforeAnyCall() {
      for (String kind : List.of("secret", "Secrets", "SECRET")) {
        ExecutionResult get =
            run(
                "kubernetes.get",
                Map.of("namespace", "shop", "kind", kind, "name", "db-credentials"));
        ExecutionResult describe =
            run(
                "kubernetes.describe",
                Map.of("namespace", "shop", "kind", kind, "name", "db-credentials"));
        assertThat(get.succeeded()).isFalse();
        assertThat(get.summary()).contains("refused").contains("Secrets hold credentials");
        assertThat(describe.succeeded()).isFalse();
      }
      ExecutionResult byTarget =
          run(
              action(
                  "kubernetes.get",
                  Target.kubernetes("prod", "shop", "Secret", "db-credentials"),
                  Map.of()));
      assertThat(byTarget.succeeded()).isFalse();
      assertThat(prod.calls()).isEmpty();
    }

    @Test
    void aTargetThatDisagreesWithTheParametersIsRefused() {
      ProposedAction action =
          action(
              "kubernetes.rollout-restart",
              Target.kubernetes("prod", "staging", "Deployment", "web"),
              Map.of("namespace", "shop", "kind", "deployment", "name", "web"));

      ExecutionResult result = run(action);

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .contains("namespace 'shop' differs from the action's target 'staging'");
      assertThat(prod.calls()).isEmpty();
    }

    @Test
    void theTargetFillsInWhatTheParametersLeaveOut() {
      ProposedAction action =
          action(
              "kubernetes.scale",
              Target.kubernetes("prod", "shop", "Deployment", "web"),
              Map.of("replicas", 4));

      ExecutionResult result = run(action);

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(prod.stored(deployment("web")).orElseThrow().text("spec", "replicas"))
          .contains("4");
    }

    @Test
    void aNameThatIsNotAKubernetesNameNeverReachesTheCluster() {
      for (String name :
          List.of("web/../../secrets/db", "web; rm -rf /", "$(curl x)", "{{ params.x }}", "Web")) {
        ExecutionResult result =
            run("kubernetes.rollout-restart", Map.of("namespace", "shop", "name", name));
        assertThat(result.succeeded()).as(name).isFalse();
        assertThat(result.summary()).as(name).contains("is not a Kubernetes name");
      }
      assertThat(prod.calls()).isEmpty();
    }

    @Test
    void anUnknownParameterIsRefusedNamingTheOnesTheStepTakes() {
      ExecutionResult result =
          run("kubernetes.scale", Map.of("namespace", "shop", "name", "web", "replica", 5));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .contains("unknown parameter 'replica' for kubernetes.scale")
          .contains("namespace, kind, name, replicas");
      assertThat(prod.calls()).isEmpty();
    }

    @Test
    void aStepOnAKindItDoesNotWorkOnIsRefused() {
      ExecutionResult result =
          run(
              "kubernetes.rollout-restart",
              Map.of("namespace", "shop", "kind", "pod", "name", POD));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .contains("works on deployment, statefulset, daemonset, not on a pod");
    }

    @Test
    void replicasMustBeAWholeNumberOfAtLeastZero() {
      assertThat(
              run("kubernetes.scale", Map.of("namespace", "shop", "name", "web", "replicas", -1))
                  .summary())
          .contains("replicas must be at least 0, not -1");
      assertThat(
              run(
                      "kubernetes.scale",
                      Map.of("namespace", "shop", "name", "web", "replicas", "three"))
                  .summary())
          .contains("replicas must be a whole number, not 'three'");
      assertThat(run("kubernetes.scale", Map.of("namespace", "shop", "name", "web")).summary())
          .contains("needs the parameter replicas");
      assertThat(prod.calls()).isEmpty();
    }

    @Test
    void anUnknownClusterFailsNamingTheConfiguredOnes() {
      ExecutionResult result =
          run(
              "kubernetes.get",
              Map.of("cluster", "qa", "namespace", "shop", "kind", "deployment", "name", "web"));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .isEqualTo(
              "kubernetes.get: unknown cluster 'qa'; the configured clusters are prod (default prod)");
    }

    @Test
    void theTargetsClusterIsTheOneActedOn() {
      InMemoryCluster staging = new InMemoryCluster("staging").put(ShopCluster.DEPLOYMENT);
      KubernetesExecutor both =
          new KubernetesExecutor(
              new Clusters(List.of(prod, staging), "prod"), clock, Redactor.standard());

      ExecutionResult result =
          both.execute(
              TestPermits.of(
                  action(
                      "kubernetes.scale",
                      Target.kubernetes("staging", "shop", "deployment", "web"),
                      Map.of("replicas", 1))));

      assertThat(result.summary()).endsWith("(cluster staging)");
      assertThat(staging.changes()).hasSize(1);
      assertThat(prod.calls()).isEmpty();
    }

    @Test
    void aRefusalOfTheApiIsAFailedResultWithItsStatus() {
      prod.failCalls("patch", 403);

      ExecutionResult result =
          run("kubernetes.scale", Map.of("namespace", "shop", "name", "web", "replicas", 5));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .startsWith("kubernetes.scale: forbidden (403)")
          .contains("patch refused");
    }
  }

  @Nested
  class Describe {
    @Test
    void givesTheEssentialsAndOneLinePerEvent() {
      ExecutionResult result =
          run("kubernetes.describe", Map.of("namespace", "shop", "kind", "pod", "name", POD));

      assertThat(result.succeeded()).isTrue();
      assertThat(result.summary())
          .isEqualTo("described Pod shop/" + POD + " (cluster prod): 2 events, 1 warning");
      assertThat(result.outputs().get("events").split("\n"))
          .containsExactly(
              "2026-11-27T11:52:39Z Normal Pulled (x8): Container image"
                  + " \"registry.example.com/shop/web:1.5.0\" already present on machine",
              "2026-11-27T11:58:03Z Warning BackOff (x31): Back-off restarting failed container"
                  + " app in pod web-6d4cf56db6-x2x9k_shop(8a1f6c2e-9b3d-4f7a-a2c4-5e6f7a8b9c0d)");
      assertThat(result.outputs())
          .containsEntry("warning_events", "1")
          .containsEntry("phase", "Running")
          .doesNotContainKey("deployment");
      assertThat(result.outputs().get("description"))
          .contains("restarts: 7")
          .contains("events:\n  2026-11-27T11:52:39Z Normal Pulled");
    }

    @Test
    void anObjectWithoutEventsSaysSo() {
      ExecutionResult result =
          run("kubernetes.describe", Map.of("kind", "node", "name", ShopCluster.NODE));

      assertThat(result.outputs()).containsEntry("event_count", "0").containsEntry("events", "");
      assertThat(result.outputs().get("description")).endsWith("events: none");
    }
  }

  @Nested
  class PodLogs {
    private static final String CRASH_LOG =
        """
        2026-11-27T11:52:41.102Z  INFO 1 --- [main] c.e.shop.WebApplication : Starting WebApplication v1.5.0
        2026-11-27T11:52:43.517Z  INFO 1 --- [main] c.e.shop.config.Aws : using access key AKIAQYLPMN5HHHFPZAM2 for s3
        2026-11-27T11:52:44.001Z  WARN 1 --- [main] c.e.shop.db.Pool : connecting to postgres://shop:s3cr3t-Passw0rd@postgres:5432/shop
        2026-11-27T11:53:01.880Z ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed
        java.lang.OutOfMemoryError: Java heap space
        \tat com.example.shop.catalog.Cache.load(Cache.java:88)
        \tat com.example.shop.WebApplication.main(WebApplication.java:21)
        """;

    @Test
    void summarisesTheTailOfThePreviousContainerWithoutAnySecret() {
      prod.log("shop", POD, "app", true, CRASH_LOG);

      ExecutionResult result =
          run(
              "kubernetes.pod-logs",
              Map.of(
                  "namespace",
                  "shop",
                  "pod",
                  POD,
                  "container",
                  "app",
                  "previous",
                  true,
                  "tail",
                  500));

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(prod.calls("logs"))
          .singleElement()
          .satisfies(call -> assertThat(call.detail()).isEqualTo("app previous tail=500"));
      assertThat(result.outputs()).containsEntry("lines", "7").containsEntry("error_events", "1");
      assertThat(result.outputs().get("summary"))
          .contains("Application run failed")
          .contains("OutOfMemoryError");
      String everything = String.join("\n", result.outputs().values()) + result.summary();
      assertThat(everything)
          .doesNotContain("AKIAQYLPMN5HHHFPZAM2")
          .doesNotContain("s3cr3t-Passw0rd")
          .contains("[REDACTED:aws-access-key");
      assertThat(result.outputs().get("last_lines")).contains("Java heap space");
    }

    @Test
    void theDefaultContainerIsTheFirstAndTailIsHonoured() {
      prod.log(
          "shop",
          POD,
          "app",
          false,
          IntStream.rangeClosed(1, 40)
              .mapToObj(i -> "2026-11-27T11:00:%02dZ INFO request %d served".formatted(i % 60, i))
              .reduce("", (a, b) -> a + b + "\n"));

      ExecutionResult result =
          run("kubernetes.pod-logs", Map.of("namespace", "shop", "pod", POD, "tail", "10"));

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(result.outputs()).containsEntry("lines", "10").containsEntry("pods", POD + "/app");
      assertThat(result.outputs().get("last_lines").split("\n")).hasSize(10);
    }

    @Test
    void aLogThatIsNotThereFailsTheStep() {
      ExecutionResult result =
          run(
              "kubernetes.pod-logs",
              Map.of("namespace", "shop", "pod", POD, "container", "app", "previous", true));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .contains("(400)")
          .contains("previous terminated container \"app\" in pod \"" + POD + "\" not found");
    }

    @Test
    void bySelectorReadsTheNewestFivePodsAndNotesTheOnesItCouldNotRead() {
      prod.put(
          """
          apiVersion: v1
          kind: Pod
          metadata:
            name: nightly-report-ex7k4
            namespace: batch
            creationTimestamp: "2026-11-27T02:05:00Z"
            labels: { job-name: nightly-report }
          spec: { containers: [ { name: report, image: "registry.example.com/reports:3.2.0" } ] }
          status: { phase: Failed }
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: nightly-report-fx7k5
            namespace: batch
            creationTimestamp: "2026-11-27T02:06:00Z"
            labels: { job-name: nightly-report }
          spec: { containers: [ { name: report, image: "registry.example.com/reports:3.2.0" } ] }
          status: { phase: Failed }
          """);
      for (String pod :
          List.of(
              "nightly-report-fx7k5",
              "nightly-report-ex7k4",
              "nightly-report-dx7k3",
              "nightly-report-cx7k2")) {
        prod.log(
            "batch",
            pod,
            "report",
            false,
            "2026-11-27T02:00:09Z ERROR report failed: db timeout\n");
      }

      ExecutionResult result =
          run(
              "kubernetes.pod-logs",
              Map.of("namespace", "batch", "selector", "job-name=nightly-report", "tail", 300));

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(prod.calls("logs"))
          .extracting(call -> call.ref().orElseThrow().name())
          .containsExactly(
              "nightly-report-fx7k5",
              "nightly-report-ex7k4",
              "nightly-report-dx7k3",
              "nightly-report-cx7k2",
              "nightly-report-bx7k1");
      assertThat(result.outputs())
          .containsEntry("pods_not_read", "1")
          .containsEntry("lines", "4")
          .containsEntry("error_events", "4");
      assertThat(result.outputs().get("problems")).startsWith("nightly-report-bx7k1: ");
      assertThat(result.summary()).contains("(5 of 6 pods)");
    }

    @Test
    void aSelectorMatchingNoPodFails() {
      ExecutionResult result =
          run("kubernetes.pod-logs", Map.of("namespace", "batch", "selector", "job-name=other"));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary()).startsWith("no pods in namespace batch match job-name=other");
    }
  }

  @Nested
  class Mutations {
    @Test
    void aRestartSetsRestartedAtAndTheChangeIdInOnePatch() {
      ExecutionResult result =
          run(
              "kubernetes.rollout-restart",
              Map.of(
                  "namespace",
                  "shop",
                  "kind",
                  "deployment",
                  "name",
                  "web",
                  "change-id",
                  "run-17/restart"));

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(result.summary()).isEqualTo("restarted Deployment shop/web (cluster prod)");
      assertThat(result.outputs()).containsEntry("restarted_at", "2026-11-27T12:00:00Z");
      assertThat(prod.changes())
          .singleElement()
          .satisfies(
              call ->
                  assertThat(call.detail())
                      .isEqualTo(
                          "{\"metadata\":{\"annotations\":{\"warden.dev/change-id\":\"run-17/restart\"}},"
                              + "\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                              + "{\"kubectl.kubernetes.io/restartedAt\":\"2026-11-27T12:00:00Z\"}}}}}"));
      KubeObject web = prod.stored(deployment("web")).orElseThrow();
      assertThat(web.annotation("warden.dev/change-id")).contains("run-17/restart");
      assertThat(
              web.text(
                  "spec",
                  "template",
                  "metadata",
                  "annotations",
                  "kubectl.kubernetes.io/restartedAt"))
          .contains("2026-11-27T12:00:00Z");
      assertThat(web.number("metadata", "generation")).contains(10L);
    }

    @Test
    void aPausedDeploymentIsNotRestarted() {
      prod.patch(deployment("web"), "{\"spec\":{\"paused\":true}}", false);
      prod.clearCalls();

      ExecutionResult result =
          run("kubernetes.rollout-restart", Map.of("namespace", "shop", "name", "web"));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary()).contains("is paused; resume it first");
      assertThat(prod.changes()).isEmpty();
    }

    @Test
    void anUndoGoesBackToTheHighestOwnedRevisionBelowTheCurrentOne() {
      ExecutionResult result =
          run(
              "kubernetes.rollout-undo",
              Map.of("namespace", "shop", "name", "web", "change-id", "run-3/undo"));

      assertThat(result.succeeded()).as(result.summary()).isTrue();
      assertThat(result.summary())
          .isEqualTo(
              "rolled Deployment shop/web back from revision 5 to revision 3 (cluster prod)");
      assertThat(result.outputs())
          .containsEntry("from_revision", "5")
          .containsEntry("to_revision", "3");
      assertThat(prod.calls("list"))
          .singleElement()
          .satisfies(
              call -> assertThat(call.detail()).isEqualTo("apps/v1 ReplicaSet shop app=web"));
      KubeObject web = prod.stored(deployment("web")).orElseThrow();
      KubeObject revision3 =
          prod.stored(new ObjectRef("apps/v1", "ReplicaSet", Optional.of("shop"), "web-7c9f8b7d5"))
              .orElseThrow();
      // the old template exactly, without the hash the controller adds: the 1.4.1 image, no
      // feature flag of 1.5.0, no restartedAt of the later restart
      assertThat(web.at("spec", "template", "metadata"))
          .contains(Map.of("labels", Map.of("app", "web")));
      assertThat(web.at("spec", "template", "spec"))
          .isEqualTo(revision3.at("spec", "template", "spec"));
      assertThat(web.text("spec", "template", "spec", "containers", 0, "image"))
          .contains("registry.example.com/shop/web:1.4.1");
      assertThat(web.at("spec", "template", "spec", "containers", 0, "env")).isEmpty();
      assertThat(web.annotation("warden.dev/change-id")).contains("run-3/undo");
      assertThat(prod.changes()).hasSize(1);
    }

    @Test
    void anUndoWithoutAnEarlierRevisionFailsAndChangesNothing() {
      for (String rs : List.of("web-7c9f8b7d5", "web-5b8d9c6f4")) {
        prod.delete(new ObjectRef("apps/v1", "ReplicaSet", Optional.of("shop"), rs), false);
      }
      prod.clearCalls();

      ExecutionResult result =
          run("kubernetes.rollout-undo", Map.of("namespace", "shop", "name", "web"));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary())
          .isEqualTo(
              "Deployment shop/web has no earlier revision to roll back to (current revision 5)");
      assertThat(prod.changes()).isEmpty();
    }

    @Test
    void aScaleSetsTheReplicas() {
      ExecutionResult result =
          run(
              "kubernetes.scale",
              Map.of(
                  "namespace", "shop", "name", "web", "replicas", 5, "change-id", "run-4/scale"));

      assertThat(result.summary())
          .isEqualTo("scaled Deployment shop/web from 3 to 5 replicas (cluster prod)");
      assertThat(result.outputs())
          .containsEntry("replicas", "5")
          .containsEntry("previous_replicas", "3");
      KubeObject web = prod.stored(deployment("web")).orElseThrow();
      assertThat(web.number("spec", "replicas")).contains(5L);
      assertThat(web.annotation("warden.dev/change-id")).contains("run-4/scale");
    }

    @Test
    void deletePodDeletesAndAMissingPodFails() {
      ExecutionResult deleted =
          run(
              "kubernetes.delete-pod",
              Map.of("namespace", "shop", "name", POD, "change-id", "r/d"));
      ExecutionResult again =
          run("kubernetes.delete-pod", Map.of("namespace", "shop", "name", POD));

      assertThat(deleted.succeeded()).isTrue();
      assertThat(deleted.summary()).isEqualTo("deleted Pod shop/" + POD + " (cluster prod)");
      assertThat(prod.stored(pod("shop", POD))).isEmpty();
      assertThat(again.succeeded()).isFalse();
      assertThat(again.summary()).isEqualTo("Pod shop/" + POD + " not found in cluster prod");
      assertThat(prod.changes()).hasSize(1);
    }

    @Test
    void cordonAndUncordonFlipUnschedulable() {
      ExecutionResult cordoned =
          run("kubernetes.cordon", Map.of("name", ShopCluster.NODE, "change-id", "run-9/cordon"));
      KubeObject afterCordon = prod.stored(node(ShopCluster.NODE)).orElseThrow();
      ExecutionResult uncordoned =
          run(
              "kubernetes.uncordon",
              Map.of("name", ShopCluster.NODE, "change-id", "run-9/uncordon"));
      KubeObject afterUncordon = prod.stored(node(ShopCluster.NODE)).orElseThrow();

      assertThat(cordoned.summary())
          .isEqualTo("cordoned Node " + ShopCluster.NODE + " (cluster prod)");
      assertThat(afterCordon.at("spec", "unschedulable")).contains(true);
      assertThat(afterCordon.annotation("warden.dev/change-id")).contains("run-9/cordon");
      assertThat(uncordoned.succeeded()).isTrue();
      assertThat(afterUncordon.at("spec", "unschedulable")).isEmpty();
      assertThat(afterUncordon.at("spec", "taints")).isPresent();
      assertThat(prod.changes())
          .extracting(InMemoryCluster.Call::detail)
          .containsExactly(
              "{\"metadata\":{\"annotations\":{\"warden.dev/change-id\":\"run-9/cordon\"}},\"spec\":{\"unschedulable\":true}}",
              "{\"metadata\":{\"annotations\":{\"warden.dev/change-id\":\"run-9/uncordon\"}},\"spec\":{\"unschedulable\":null}}");
    }

    @Test
    void cordoningACordonedNodeSendsNothing() {
      run("kubernetes.cordon", Map.of("name", ShopCluster.NODE));
      prod.clearCalls();

      ExecutionResult again = run("kubernetes.cordon", Map.of("name", ShopCluster.NODE));

      assertThat(again.succeeded()).isTrue();
      assertThat(again.summary()).startsWith("Node " + ShopCluster.NODE + " is already cordoned");
      assertThat(again.outputs()).containsEntry("changed", "false");
      assertThat(prod.changes()).isEmpty();
    }

    @Test
    void aChangeToAMissingObjectFailsWithoutAPatch() {
      ExecutionResult result =
          run("kubernetes.scale", Map.of("namespace", "shop", "name", "nope", "replicas", 2));

      assertThat(result.succeeded()).isFalse();
      assertThat(result.summary()).isEqualTo("Deployment shop/nope not found in cluster prod");
      assertThat(prod.calls("patch")).isEmpty();
    }
  }
}
