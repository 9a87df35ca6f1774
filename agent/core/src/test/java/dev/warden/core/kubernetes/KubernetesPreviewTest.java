package dev.warden.core.kubernetes;

import static dev.warden.core.kubernetes.ShopCluster.POD;
import static dev.warden.core.kubernetes.ShopCluster.action;
import static dev.warden.core.kubernetes.ShopCluster.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.redact.Redactor;
import dev.warden.core.testing.InMemoryCluster;
import dev.warden.core.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Previews of changes: the same patch as a server-side dry run, and what it would change. */
class KubernetesPreviewTest {
  private final InMemoryCluster prod = ShopCluster.prod();
  private final KubernetesExecutor executor =
      new KubernetesExecutor(
          Clusters.of(prod),
          new MutableClock(Instant.parse("2026-11-27T12:00:00Z")),
          Redactor.standard());

  private String preview(String kind, Map<String, ?> parameters) {
    return executor.preview(action(kind, parameters)).orElseThrow();
  }

  @Test
  void aScaleShowsTheReplicasAndTheChangeIdAndStoresNothing() {
    KubeObject before = prod.stored(deployment("web")).orElseThrow();

    String text =
        preview(
            "kubernetes.scale",
            Map.of("namespace", "shop", "name", "web", "replicas", 5, "change-id", "run-4/scale"));

    assertThat(text)
        .isEqualTo(
            """
            would have scaled Deployment shop/web from 3 to 5 replicas (cluster prod), server-side dry run:
              + metadata.annotations["warden.dev/change-id"]: run-4/scale
              ~ spec.replicas: 3 -> 5""");
    assertThat(prod.calls("patch"))
        .singleElement()
        .satisfies(call -> assertThat(call.dryRun()).isTrue());
    assertThat(prod.changes()).isEmpty();
    assertThat(prod.stored(deployment("web"))).contains(before);
  }

  @Test
  void theDryRunSendsTheSamePatchAsTheChange() {
    Map<String, Object> restart =
        Map.of("namespace", "shop", "name", "web", "change-id", "run-17/restart");

    executor.preview(action("kubernetes.rollout-restart", restart));
    executor.execute(
        dev.warden.core.gate.TestPermits.of(action("kubernetes.rollout-restart", restart)));

    assertThat(prod.calls("patch")).hasSize(2);
    assertThat(prod.calls("patch").get(0).detail()).isEqualTo(prod.calls("patch").get(1).detail());
    assertThat(prod.calls("patch").get(0).dryRun()).isTrue();
    assertThat(prod.calls("patch").get(1).dryRun()).isFalse();
  }

  @Test
  void aRestartShowsTheNewRestartedAt() {
    String text = preview("kubernetes.rollout-restart", Map.of("namespace", "shop", "name", "web"));

    assertThat(text)
        .endsWith(
            "~ spec.template.metadata.annotations[\"kubectl.kubernetes.io/restartedAt\"]:"
                + " 2026-11-20T08:00:00Z -> 2026-11-27T12:00:00Z");
    assertThat(text).doesNotContain("generation").doesNotContain("resourceVersion");
  }

  @Test
  void anUndoShowsTheTemplateFieldsThatGoBack() {
    String text = preview("kubernetes.rollout-undo", Map.of("namespace", "shop", "name", "web"));

    assertThat(text.lines())
        .containsExactly(
            "would have rolled Deployment shop/web back from revision 5 to revision 3 (cluster"
                + " prod), server-side dry run:",
            "  - spec.template.metadata.annotations:"
                + " {\"kubectl.kubernetes.io/restartedAt\":\"2026-11-20T08:00:00Z\"}",
            "  ~ spec.template.spec.containers[app].image: registry.example.com/shop/web:1.5.0 ->"
                + " registry.example.com/shop/web:1.4.1",
            "  - spec.template.spec.containers[app].env: [{\"name\":\"FEATURE_NEW_CHECKOUT\","
                + "\"value\":\"true\"}]");
    assertThat(prod.changes()).isEmpty();
  }

  @Test
  void aDeleteSaysWhatWouldBeDeleted() {
    String text = preview("kubernetes.delete-pod", Map.of("namespace", "shop", "name", POD));

    assertThat(text).isEqualTo("would delete Pod shop/" + POD + " (cluster prod)");
    assertThat(prod.calls("delete"))
        .singleElement()
        .satisfies(c -> assertThat(c.dryRun()).isTrue());
    assertThat(prod.stored(ShopCluster.pod("shop", POD))).isPresent();
  }

  @Test
  void aCordonOfACordonedNodeWouldChangeNothing() {
    prod.patch(ShopCluster.node(ShopCluster.NODE), "{\"spec\":{\"unschedulable\":true}}", false);

    String text = preview("kubernetes.cordon", Map.of("name", ShopCluster.NODE));

    assertThat(text)
        .isEqualTo(
            "nothing would change: Node "
                + ShopCluster.NODE
                + " is already cordoned (cluster prod)");
  }

  @Test
  void failuresAreDescribedNotThrown() {
    String missing =
        preview("kubernetes.scale", Map.of("namespace", "shop", "name", "nope", "replicas", 2));
    prod.failWhen(
        c -> c.method().equals("patch") && c.dryRun(),
        403,
        "deployments.apps \"web\" is forbidden");
    String forbidden =
        preview("kubernetes.scale", Map.of("namespace", "shop", "name", "web", "replicas", 2));
    String invalid = preview("kubernetes.scale", Map.of("namespace", "shop", "name", "web"));

    assertThat(missing)
        .isEqualTo("cannot kubernetes.scale: Deployment shop/nope not found in cluster prod");
    assertThat(forbidden).startsWith("cannot preview: forbidden (403)").contains("is forbidden");
    assertThat(invalid).isEqualTo("cannot preview: kubernetes.scale needs the parameter replicas");
  }

  @Test
  void lookUpsHaveNoPreviewAndCallNothing() {
    assertThat(
            executor.preview(
                action("kubernetes.get", Map.of("namespace", "shop", "kind", "pod", "name", POD))))
        .isEmpty();
    assertThat(
            executor.preview(
                action("kubernetes.pod-logs", Map.of("namespace", "shop", "pod", POD))))
        .isEmpty();
    assertThat(prod.calls()).isEmpty();
  }

  @Test
  void aSecretInTheTemplateIsRedactedInThePreview() {
    prod.put(
        """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-5f5f5f5f5
          namespace: shop
          labels: { app: web }
          annotations: { deployment.kubernetes.io/revision: "4" }
          ownerReferences:
            - { apiVersion: apps/v1, kind: Deployment, name: web, uid: 5f3c8a8e-6f1b-4b7e-9a51-0c2d9c1e7a10, controller: true }
        spec:
          template:
            metadata: { labels: { app: web, pod-template-hash: 5f5f5f5f5 } }
            spec:
              containers:
                - name: app
                  image: registry.example.com/shop/web:1.4.9
                  env: [ { name: DATABASE_URL, value: "postgres://shop:hunter2-very-secret@db:5432/shop" } ]
        """);

    String text = preview("kubernetes.rollout-undo", Map.of("namespace", "shop", "name", "web"));

    assertThat(text)
        .contains("to revision 4")
        .doesNotContain("hunter2-very-secret")
        .contains("[REDACTED");
  }
}
