package dev.warden.integrations.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.kubernetes.ClusterException;
import dev.warden.core.kubernetes.KubeObject;
import dev.warden.core.kubernetes.ObjectRef;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter against fabric8's mock API server in CRUD mode (objects are stored, read, patched and
 * deleted), with expectations added where the CRUD store cannot answer like a real API server: dry
 * runs (it would store them), field-selected events and logs.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class Fabric8ClusterTest {
  static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", Optional.of("shop"), "web");
  static final ObjectRef WORKER_1 = new ObjectRef("v1", "Node", Optional.empty(), "worker-1");

  KubernetesMockServer server;
  KubernetesClient client;
  Fabric8Cluster cluster;

  @BeforeEach
  void seed() {
    cluster = new Fabric8Cluster("prod", client);
    for (String yaml :
        List.of(
            KubeFixtures.WEB_DEPLOYMENT,
            KubeFixtures.CACHE_DEPLOYMENT,
            KubeFixtures.OTHER_WEB_DEPLOYMENT,
            KubeFixtures.WEB_REPLICA_SET,
            KubeFixtures.WEB_POD,
            KubeFixtures.NODE_WORKER_1,
            KubeFixtures.NODE_WORKER_2)) {
      HasMetadata object = KubeFixtures.object(yaml);
      client.resource(object).create();
    }
  }

  @Test
  void getsAnExistingObjectAsJsonLikeMaps() {
    KubeObject web = cluster.get(WEB).orElseThrow();

    assertThat(web.name()).isEqualTo("web");
    assertThat(web.text("kind")).contains("Deployment");
    assertThat(web.at("spec", "replicas")).contains(3);
    assertThat(web.text("metadata", "labels", "tier")).contains("frontend");
    assertThat(web.text("spec", "template", "spec", "containers", 0, "image"))
        .contains("registry.example.com/shop/web:1.42.0");
    assertThat(web.at("spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"))
        .contains(8080);
  }

  @Test
  void getsAClusterScopedObjectWithoutANamespace() {
    KubeObject node = cluster.get(WORKER_1).orElseThrow();

    assertThat(node.text("metadata", "labels", "topology.kubernetes.io/zone"))
        .contains("eu-west-1a");
    assertThat(node.text("status", "conditions", 0, "type")).contains("Ready");
  }

  @Test
  void getOfAMissingObjectIsEmpty() {
    assertThat(cluster.get(new ObjectRef("apps/v1", "Deployment", Optional.of("shop"), "checkout")))
        .isEmpty();
    assertThat(
            cluster.get(new ObjectRef("v1", "Pod", Optional.of("other"), "web-7d9f8b6c5d-x2kqp")))
        .isEmpty();
  }

  @Test
  void listsByLabelSelectorInOneNamespace() {
    List<KubeObject> deployments =
        cluster.list("apps/v1", "Deployment", Optional.of("shop"), "app=web,tier!=cache");

    assertThat(deployments).extracting(KubeObject::name).containsExactly("web");
    assertThat(deployments.get(0).text("metadata", "namespace")).contains("shop");
  }

  @Test
  void listsAcrossAllNamespacesWhenNoneIsGiven() {
    List<KubeObject> deployments =
        cluster.list("apps/v1", "Deployment", Optional.empty(), "app=web,tier=frontend");

    assertThat(deployments)
        .extracting(d -> d.text("metadata", "namespace").orElseThrow() + "/" + d.name())
        .containsExactlyInAnyOrder("shop/web", "staging/web");
  }

  @Test
  void listsEverythingOfAKindWithAnEmptySelector() {
    assertThat(cluster.list("apps/v1", "Deployment", Optional.of("shop"), ""))
        .extracting(KubeObject::name)
        .containsExactlyInAnyOrder("web", "cache");
    assertThat(cluster.list("apps/v1", "ReplicaSet", Optional.of("shop"), " "))
        .extracting(KubeObject::name)
        .containsExactly("web-7d9f8b6c5d");
  }

  @Test
  void listsClusterScopedNodesBySelector() {
    assertThat(cluster.list("v1", "Node", Optional.empty(), ""))
        .extracting(KubeObject::name)
        .containsExactlyInAnyOrder("worker-1", "worker-2");
    assertThat(
            cluster.list("v1", "Node", Optional.empty(), "topology.kubernetes.io/zone=eu-west-1b"))
        .extracting(KubeObject::name)
        .containsExactly("worker-2");
  }

  @Test
  void mergePatchChangesReplicasAndATemplateAnnotationAndKeepsTheRest() throws Exception {
    int before = server.getRequestCount();
    KubeObject patched =
        cluster.patch(
            WEB,
            """
            {"spec":{"replicas":5,"template":{"metadata":{"annotations":\
            {"kubectl.kubernetes.io/restartedAt":"2026-11-27T12:00:00Z"}}}}}""",
            false);

    // one call: the patch itself, without reading the object first
    assertThat(server.getRequestCount() - before).isEqualTo(1);
    RecordedRequest request = server.getLastRequest();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getPath()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/web");
    assertThat(request.getHeader("Content-Type")).startsWith("application/merge-patch+json");
    assertThat(patched.at("spec", "replicas")).contains(5);

    KubeObject stored = cluster.get(WEB).orElseThrow();
    assertThat(stored.at("spec", "replicas")).contains(5);
    assertThat(
            stored.text(
                "spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"))
        .contains("2026-11-27T12:00:00Z");
    // a merge patch leaves what it does not name alone
    assertThat(stored.text("spec", "template", "metadata", "annotations", "prometheus.io/scrape"))
        .contains("true");
    assertThat(stored.text("spec", "template", "spec", "containers", 0, "image"))
        .contains("registry.example.com/shop/web:1.42.0");
  }

  @Test
  void patchesANodeSpecToCordonIt() {
    assertThat(cluster.get(WORKER_1).orElseThrow().at("spec", "unschedulable")).isEmpty();

    KubeObject cordoned = cluster.patch(WORKER_1, "{\"spec\":{\"unschedulable\":true}}", false);

    assertThat(cordoned.at("spec", "unschedulable")).contains(true);
    assertThat(cluster.get(WORKER_1).orElseThrow().at("spec", "unschedulable")).contains(true);
    assertThat(cluster.get(WORKER_1).orElseThrow().text("spec", "providerID"))
        .contains("aws:///eu-west-1a/i-0a1b2c3d4e5f60001");
  }

  @Test
  void patchOfAMissingObjectIsANotFoundClusterException() {
    ObjectRef missing = new ObjectRef("apps/v1", "Deployment", Optional.of("shop"), "checkout");

    assertThatThrownBy(() -> cluster.patch(missing, "{\"spec\":{\"replicas\":1}}", false))
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage()).contains("Deployment shop/checkout", "cluster prod");
            });
  }

  @Test
  void deletesAnExistingObject() {
    ObjectRef pod = new ObjectRef("v1", "Pod", Optional.of("shop"), "web-7d9f8b6c5d-x2kqp");

    assertThat(cluster.delete(pod, false)).isTrue();

    assertThat(cluster.get(pod)).isEmpty();
    assertThat(cluster.get(WEB)).isPresent();
  }

  @Test
  void deleteOfAMissingObjectIsFalse() {
    assertThat(
            cluster.delete(
                new ObjectRef("v1", "Pod", Optional.of("shop"), "web-7d9f8b6c5d-gone1"), false))
        .isFalse();
  }

  @Test
  void dryRunPatchAsksTheServerForDryRunAndLeavesTheStoredObjectAlone() throws Exception {
    // What a real API server answers to a dry run: the object as it would be, not stored.
    server
        .expect()
        .patch()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web?dryRun=All")
        .andReturn(200, KubeFixtures.object(KubeFixtures.WEB_SCALED_TO_8))
        .once();

    KubeObject preview = cluster.patch(WEB, "{\"spec\":{\"replicas\":8}}", true);

    RecordedRequest request = server.getLastRequest();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getPath()).endsWith("?dryRun=All");
    assertThat(request.getHeader("Content-Type")).startsWith("application/merge-patch+json");
    assertThat(request.getUtf8Body()).isEqualTo("{\"spec\":{\"replicas\":8}}");
    assertThat(preview.at("spec", "replicas")).contains(8);
    assertThat(cluster.get(WEB).orElseThrow().at("spec", "replicas")).contains(3);
  }

  @Test
  void dryRunDeleteAsksTheServerForDryRunAndLeavesTheObject() throws Exception {
    server
        .expect()
        .delete()
        .withPath("/api/v1/namespaces/shop/pods/web-7d9f8b6c5d-x2kqp?dryRun=All")
        .andReturn(200, KubeFixtures.object(KubeFixtures.WEB_POD))
        .once();
    ObjectRef pod = new ObjectRef("v1", "Pod", Optional.of("shop"), "web-7d9f8b6c5d-x2kqp");

    assertThat(cluster.delete(pod, true)).isTrue();

    RecordedRequest request = server.getLastRequest();
    assertThat(request.getMethod()).isEqualTo("DELETE");
    assertThat(request.getPath()).endsWith("?dryRun=All");
    assertThat(cluster.get(pod)).isPresent();
  }

  @Test
  void eventsOfAnObjectAreSelectedByInvolvedObjectAndComeOldestFirst() throws Exception {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/shop/events?fieldSelector="
                + "involvedObject.kind%3DDeployment%2CinvolvedObject.name%3Dweb")
        .andReturn(200, KubeFixtures.object(KubeFixtures.WEB_EVENTS))
        .once();

    List<KubeObject> events = cluster.events(WEB);

    assertThat(events)
        .extracting(e -> e.text("reason").orElseThrow())
        .containsExactly("ScalingReplicaSet", "ProgressDeadlineExceeded", "ScalingReplicaSet");
    assertThat(events)
        .extracting(e -> e.text("message").orElseThrow())
        .containsExactly(
            "Scaled up replica set web-7d9f8b6c5d to 3",
            "Deployment \"web\" has timed out progressing.",
            "Scaled down replica set web-7d9f8b6c5d to 2");
  }

  @Test
  void eventsOfAClusterScopedObjectAreLookedForInAllNamespaces() {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/events?fieldSelector=involvedObject.kind%3DNode%2CinvolvedObject.name%3D"
                + "worker-1")
        .andReturn(200, KubeFixtures.object(KubeFixtures.NODE_EVENTS))
        .once();

    assertThat(cluster.events(WORKER_1))
        .extracting(e -> e.text("reason").orElseThrow())
        .containsExactly("NodeNotReady", "NodeReady");
  }

  @Test
  void logsOfTheCurrentContainerTailed() throws Exception {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/pods/web-7d9f8b6c5d-x2kqp/log?pretty=false&tailLines=2")
        .andReturn(200, "level=info msg=\"listening\" port=8080\nlevel=info msg=ready\n")
        .once();

    String log = cluster.logs("shop", "web-7d9f8b6c5d-x2kqp", Optional.empty(), false, 2);

    assertThat(log).isEqualTo("level=info msg=\"listening\" port=8080\nlevel=info msg=ready\n");
  }

  @Test
  void logsOfThePreviousInstanceOfAContainer() throws Exception {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/shop/pods/web-7d9f8b6c5d-x2kqp/log"
                + "?pretty=false&container=web&previous=true&tailLines=50")
        .andReturn(200, "panic: dial tcp 10.0.3.7:5432: connect: connection refused\n")
        .once();

    String log = cluster.logs("shop", "web-7d9f8b6c5d-x2kqp", Optional.of("web"), true, 50);

    assertThat(log).isEqualTo("panic: dial tcp 10.0.3.7:5432: connect: connection refused\n");
    assertThat(server.getLastRequest().getPath()).contains("previous=true", "tailLines=50");
  }

  @Test
  void aKindTheServerDoesNotKnowIsAClusterException() {
    assertThatThrownBy(
            () ->
                cluster.get(
                    new ObjectRef("example.com/v1", "Widget", Optional.of("shop"), "gizmo")))
        .isInstanceOfSatisfying(
            ClusterException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.getMessage())
                  .isEqualTo(
                      "cannot get Widget shop/gizmo on cluster prod: HTTP 404 NotFound: the server"
                          + " has no resource type Widget in example.com/v1");
            });
  }

  @Test
  void rejectsANonPositiveTail() {
    assertThatThrownBy(
            () -> cluster.logs("shop", "web-7d9f8b6c5d-x2kqp", Optional.empty(), false, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
  }
}
