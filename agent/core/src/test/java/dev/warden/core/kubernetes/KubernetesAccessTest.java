package dev.warden.core.kubernetes;

import static dev.warden.core.kubernetes.ShopCluster.POD;
import static dev.warden.core.kubernetes.ShopCluster.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.gate.TestPermits;
import dev.warden.core.kubernetes.KubernetesAccess.Grant;
import dev.warden.core.redact.Redactor;
import dev.warden.core.testing.InMemoryCluster;
import dev.warden.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The RBAC table, and that the executor's calls are exactly what it declares. */
class KubernetesAccessTest {
  private static Grant grant(String group, String resource, String verb) {
    return new Grant(group, resource, verb);
  }

  @Test
  void eachStepNeedsWhatItsCallsNeed() {
    assertThat(
            KubernetesAccess.required(
                "kubernetes.rollout-restart", Map.of("kind", "deployment", "name", "x")))
        .containsExactlyInAnyOrder(
            grant("apps", "deployments", "get"), grant("apps", "deployments", "patch"));
    assertThat(
            KubernetesAccess.required(
                "kubernetes.rollout-restart", Map.of("kind", "daemonset", "name", "x")))
        .containsExactlyInAnyOrder(
            grant("apps", "daemonsets", "get"), grant("apps", "daemonsets", "patch"));
    assertThat(KubernetesAccess.required("kubernetes.rollout-undo", Map.of("name", "x")))
        .containsExactlyInAnyOrder(
            grant("apps", "deployments", "get"),
            grant("apps", "deployments", "patch"),
            grant("apps", "replicasets", "list"));
    assertThat(KubernetesAccess.required("kubernetes.scale", Map.of("name", "x", "replicas", 2)))
        .containsExactlyInAnyOrder(
            grant("apps", "deployments", "get"), grant("apps", "deployments", "patch"));
    assertThat(KubernetesAccess.required("kubernetes.delete-pod", Map.of("name", "x")))
        .containsExactlyInAnyOrder(grant("", "pods", "get"), grant("", "pods", "delete"));
    assertThat(KubernetesAccess.required("kubernetes.cordon", Map.of("name", "n")))
        .containsExactlyInAnyOrder(grant("", "nodes", "get"), grant("", "nodes", "patch"));
    assertThat(KubernetesAccess.required("kubernetes.uncordon", Map.of("name", "n")))
        .containsExactlyInAnyOrder(grant("", "nodes", "get"), grant("", "nodes", "patch"));
    assertThat(KubernetesAccess.required("kubernetes.get", Map.of("kind", "pod", "name", "p")))
        .containsExactlyInAnyOrder(grant("", "pods", "get"), grant("apps", "replicasets", "get"));
    assertThat(KubernetesAccess.required("kubernetes.get", Map.of("kind", "job", "name", "j")))
        .containsExactly(grant("batch", "jobs", "get"));
    assertThat(
            KubernetesAccess.required("kubernetes.get", Map.of("kind", "pod", "selector", "a=b")))
        .containsExactly(grant("", "pods", "list"));
    assertThat(
            KubernetesAccess.required("kubernetes.describe", Map.of("kind", "node", "name", "n")))
        .containsExactlyInAnyOrder(grant("", "nodes", "get"), grant("", "events", "list"));
    assertThat(KubernetesAccess.required("kubernetes.pod-logs", Map.of("pod", "p")))
        .containsExactlyInAnyOrder(grant("", "pods", "get"), grant("", "pods/log", "get"));
    assertThat(KubernetesAccess.required("kubernetes.pod-logs", Map.of("selector", "job-name=x")))
        .containsExactlyInAnyOrder(grant("", "pods", "list"), grant("", "pods/log", "get"));
    assertThat(KubernetesAccess.required("wait.until", Map.of("condition", "deployment-ready")))
        .containsExactly(grant("apps", "deployments", "get"));
    assertThat(KubernetesAccess.required("wait.until", Map.of("condition", "pods-ready")))
        .containsExactly(grant("", "pods", "list"));
    assertThat(KubernetesAccess.required("wait.until", Map.of("condition", "alert-resolved")))
        .isEmpty();
    assertThat(KubernetesAccess.required("notify", Map.of("text", "x"))).isEmpty();
    assertThat(KubernetesAccess.required("http.check", Map.of("url", "https://x"))).isEmpty();
  }

  @Test
  void aKindThatCannotBeToldIsAnError() {
    assertThatThrownBy(
            () ->
                KubernetesAccess.required(
                    "kubernetes.get", Map.of("kind", "{{ params.kind }}", "name", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be written out");
    assertThatThrownBy(
            () ->
                KubernetesAccess.required("kubernetes.get", Map.of("kind", "secret", "name", "x")))
        .hasMessageContaining("refused");
    assertThatThrownBy(
            () ->
                KubernetesAccess.required(
                    "kubernetes.rollout-undo", Map.of("kind", "statefulset", "name", "x")))
        .hasMessageContaining("works on deployment");
    assertThatThrownBy(() -> KubernetesAccess.required("kubernetes.drain", Map.of()))
        .hasMessageContaining("unknown Kubernetes step kind");
  }

  @Test
  void noStepNeedsASecret() {
    for (ResourceKind kind : ResourceKinds.all()) {
      assertThat(kind.resource()).isNotEqualTo("secrets");
    }
    assertThat(ResourceKinds.find("secret")).isEmpty();
    assertThat(ResourceKinds.find("Secrets")).isEmpty();
  }

  /**
   * Runs each step (execute, preview and reconcile) on the shop cluster, and maps every call it
   * made to its grant: together they must be exactly the declared grants. A call outside them would
   * already have failed in {@link GrantCheckedCluster}; a declared grant never used would be more
   * than the step needs.
   */
  @Test
  void theExecutorsCallsAreExactlyTheDeclaredGrants() {
    List<ProposedAction> actions =
        List.of(
            action("kubernetes.get", Map.of("namespace", "shop", "kind", "pod", "name", POD)),
            action(
                "kubernetes.get",
                Map.of("namespace", "batch", "kind", "job", "name", "nightly-report")),
            action(
                "kubernetes.get",
                Map.of("namespace", "batch", "kind", "pod", "selector", "job-name=nightly-report")),
            action("kubernetes.describe", Map.of("namespace", "shop", "kind", "pod", "name", POD)),
            action("kubernetes.describe", Map.of("kind", "node", "name", ShopCluster.NODE)),
            action(
                "kubernetes.pod-logs", Map.of("namespace", "shop", "pod", POD, "container", "app")),
            action(
                "kubernetes.pod-logs",
                Map.of("namespace", "batch", "selector", "job-name=nightly-report")),
            action(
                "kubernetes.rollout-restart",
                Map.of("namespace", "shop", "name", "web", "change-id", "a")),
            action(
                "kubernetes.rollout-undo",
                Map.of("namespace", "shop", "name", "web", "change-id", "b")),
            action(
                "kubernetes.scale",
                Map.of("namespace", "shop", "name", "web", "replicas", 4, "change-id", "c")),
            action("kubernetes.cordon", Map.of("name", ShopCluster.NODE, "change-id", "d")),
            action("kubernetes.uncordon", Map.of("name", ShopCluster.NODE, "change-id", "e")),
            action(
                "kubernetes.delete-pod",
                Map.of("namespace", "shop", "name", POD, "change-id", "f")));
    for (ProposedAction action : actions) {
      InMemoryCluster prod = ShopCluster.prod();
      prod.log("shop", POD, "app", false, "started\n");
      prod.log("batch", "nightly-report-ax7k0", "report", false, "failed\n");
      if (action.kind().equals("kubernetes.uncordon")) {
        prod.patch(
            ShopCluster.node(ShopCluster.NODE), "{\"spec\":{\"unschedulable\":true}}", false);
        prod.clearCalls();
      }
      KubernetesExecutor executor =
          new KubernetesExecutor(
              Clusters.of(prod),
              new MutableClock(Instant.parse("2026-11-27T12:00:00Z")),
              Redactor.standard());
      if (action.mutating()) {
        executor.preview(action);
      }
      assertThat(executor.execute(TestPermits.of(action)).succeeded()).as(action.kind()).isTrue();
      executor.reconcile(action);

      Set<Grant> used = new TreeSet<>();
      for (InMemoryCluster.Call call : prod.calls()) {
        used.add(grantOf(call));
      }
      assertThat(used)
          .as(action.kind() + " " + action.parameters())
          .isEqualTo(new TreeSet<>(KubernetesAccess.required(action.kind(), action.parameters())));
    }
  }

  private static Grant grantOf(InMemoryCluster.Call call) {
    return switch (call.method()) {
      case "events" -> grant("", "events", "list");
      case "logs" -> grant("", "pods/log", "get");
      case "list" -> {
        String[] parts = call.detail().split(" ");
        yield KubernetesAccess.on(ResourceKinds.of(parts[0], parts[1]).orElseThrow(), "list");
      }
      default -> {
        ObjectRef ref = call.ref().orElseThrow();
        yield KubernetesAccess.on(
            ResourceKinds.of(ref.apiVersion(), ref.kind()).orElseThrow(), call.method());
      }
    };
  }

  @Test
  void aCallOutsideTheDeclaredGrantsIsABugThatFailsLoudly() {
    InMemoryCluster prod = ShopCluster.prod();
    Cluster checked =
        new GrantCheckedCluster(prod, "kubernetes.get", Set.of(grant("", "pods", "get")));

    assertThat(checked.get(ShopCluster.pod("shop", POD))).isPresent();
    assertThatThrownBy(() -> checked.get(ShopCluster.deployment("web")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apps/deployments get");
    assertThatThrownBy(() -> checked.delete(ShopCluster.pod("shop", POD), true))
        .hasMessageContaining("pods delete");
    assertThat(prod.calls("delete")).isEmpty();
    assertThat(Optional.of(prod.calls().size())).contains(1);
  }
}
