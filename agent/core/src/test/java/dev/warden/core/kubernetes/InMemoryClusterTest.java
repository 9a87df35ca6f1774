package dev.warden.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.InMemoryCluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The shared fake behaves as the API server does where Warden relies on it. */
class InMemoryClusterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ObjectRef CONFIG =
      new ObjectRef("example.dev/v1", "Doc", Optional.of("ns"), "doc");

  /** The examples of RFC 7386, appendix A, applied to an object's {@code spec}. */
  @Test
  void appliesMergePatchesAsRfc7386Says() {
    String[][] examples = {
      {"{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
      {"{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"},
      {"{\"a\":\"b\"}", "{\"a\":null}", "{}"},
      {"{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"},
      {"{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
      {"{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"},
      {"{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"},
      {"{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"},
      {"{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"},
      {"{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"},
    };
    for (String[] example : examples) {
      InMemoryCluster cluster = new InMemoryCluster("c");
      cluster.put(
          "{\"apiVersion\":\"example.dev/v1\",\"kind\":\"Doc\",\"metadata\":{\"name\":\"doc\","
              + "\"namespace\":\"ns\"},\"spec\":"
              + example[0]
              + "}");

      KubeObject result = cluster.patch(CONFIG, "{\"spec\":" + example[1] + "}", false);

      assertThat(result.at("spec").orElse(Map.of()))
          .as(example[0] + " + " + example[1])
          .isEqualTo(JSON.readValue(example[2], Map.class));
    }
  }

  @Test
  void aDryRunReturnsTheResultAndStoresNothing() {
    InMemoryCluster cluster = ShopCluster.prod();
    KubeObject before = cluster.stored(ShopCluster.deployment("web")).orElseThrow();

    KubeObject result =
        cluster.patch(ShopCluster.deployment("web"), "{\"spec\":{\"replicas\":9}}", true);
    boolean deleted = cluster.delete(ShopCluster.deployment("web"), true);

    assertThat(result.number("spec", "replicas")).contains(9L);
    assertThat(result.number("metadata", "generation")).contains(10L);
    assertThat(deleted).isTrue();
    assertThat(cluster.stored(ShopCluster.deployment("web"))).contains(before);
    assertThat(cluster.changes()).isEmpty();
    assertThat(cluster.calls())
        .extracting(InMemoryCluster.Call::dryRun)
        .containsExactly(true, true);
  }

  @Test
  void aWriteRaisesTheResourceVersionAndTheGenerationOnlyForSpecChanges() {
    InMemoryCluster cluster = ShopCluster.prod();
    KubeObject annotated =
        cluster.patch(
            ShopCluster.deployment("web"), "{\"metadata\":{\"annotations\":{\"a\":\"b\"}}}", false);
    KubeObject scaled =
        cluster.patch(ShopCluster.deployment("web"), "{\"spec\":{\"replicas\":4}}", false);

    assertThat(annotated.number("metadata", "generation")).contains(9L);
    assertThat(scaled.number("metadata", "generation")).contains(10L);
    assertThat(scaled.text("metadata", "resourceVersion"))
        .isNotEqualTo(annotated.text("metadata", "resourceVersion"));
  }

  @Test
  void aPatchOfAMissingObjectIs404AndFailuresComeOnDemand() {
    InMemoryCluster cluster = ShopCluster.prod();

    assertThatThrownBy(() -> cluster.patch(ShopCluster.deployment("nope"), "{}", false))
        .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.status()).isEqualTo(404));
    cluster.failWhen(
        call -> call.ref().map(r -> r.name().equals("web")).orElse(false), 409, "conflict");
    assertThatThrownBy(() -> cluster.get(ShopCluster.deployment("web")))
        .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(cluster.get(ShopCluster.pod("shop", "postgres-0"))).isPresent();
    assertThat(cluster.calls("get")).hasSize(2);
  }

  @Test
  void listsBySelectorAsTheApiServerDoes() {
    InMemoryCluster cluster = ShopCluster.prod();

    assertThat(names(cluster, "app=web"))
        .containsExactlyInAnyOrder(
            "web-6d4cf56db6", "web-7c9f8b7d5", "web-5b8d9c6f4", "web-canary-84f7d9b5c");
    assertThat(names(cluster, "app=web,track!=canary")).hasSize(3);
    assertThat(names(cluster, "app==web,track")).containsExactly("web-canary-84f7d9b5c");
    assertThat(names(cluster, "app=web,!track")).hasSize(3);
    assertThat(names(cluster, "pod-template-hash in (7c9f8b7d5, 5b8d9c6f4)"))
        .containsExactlyInAnyOrder("web-7c9f8b7d5", "web-5b8d9c6f4");
    assertThat(names(cluster, "app=web,pod-template-hash notin (7c9f8b7d5,5b8d9c6f4)")).hasSize(2);
    assertThat(cluster.list("apps/v1", "ReplicaSet", Optional.of("batch"), "")).isEmpty();
  }

  @Test
  void objectsReadBackCannotChangeWhatIsStored() {
    InMemoryCluster cluster = ShopCluster.prod();
    KubeObject read = cluster.get(ShopCluster.deployment("web")).orElseThrow();

    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) read.body().get("spec");
    spec.put("replicas", 100);

    assertThat(
            cluster.stored(ShopCluster.deployment("web")).orElseThrow().number("spec", "replicas"))
        .contains(3L);
  }

  @Test
  void logsAreCutToTheTail() {
    InMemoryCluster cluster = new InMemoryCluster("c").log("ns", "p", "c", false, "1\n2\n3\n");

    assertThat(cluster.logs("ns", "p", Optional.of("c"), false, 2)).isEqualTo("2\n3\n");
    assertThatThrownBy(() -> cluster.logs("ns", "p", Optional.of("c"), true, 2))
        .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  private static List<String> names(InMemoryCluster cluster, String selector) {
    return cluster.list("apps/v1", "ReplicaSet", Optional.of("shop"), selector).stream()
        .map(KubeObject::name)
        .toList();
  }
}
