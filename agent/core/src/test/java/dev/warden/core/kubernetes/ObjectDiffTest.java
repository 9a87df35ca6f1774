package dev.warden.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectDiffTest {
  @Test
  void namesChangedAddedAndRemovedLeavesByPath() {
    Map<String, Object> before =
        Map.of(
            "metadata", Map.of("name", "web", "labels", Map.of("app", "web", "canary", "true")),
            "spec", Map.of("replicas", 3));
    Map<String, Object> after =
        Map.of(
            "metadata", Map.of("name", "web", "labels", Map.of("app", "web", "tier", "front")),
            "spec", Map.of("replicas", 5L));

    assertThat(ObjectDiff.changes(before, after))
        .containsExactlyInAnyOrder(
            "- metadata.labels.canary: true",
            "+ metadata.labels.tier: front",
            "~ spec.replicas: 3 -> 5");
  }

  @Test
  void leavesOutWhatTheServerChangesOnEveryWrite() {
    Map<String, Object> before =
        Map.of(
            "metadata",
            Map.of(
                "resourceVersion", "1", "generation", 1, "managedFields", List.of(Map.of("a", 1))),
            "status",
            Map.of("replicas", 3));
    Map<String, Object> after =
        Map.of(
            "metadata",
            Map.of("resourceVersion", "2", "generation", 2, "managedFields", List.of()),
            "status",
            Map.of("replicas", 4));

    assertThat(ObjectDiff.changes(before, after)).isEmpty();
  }

  @Test
  void matchesNamedListItemsByNameSoAReorderingIsNoChange() {
    List<Object> containers =
        List.of(Map.of("name", "app", "image", "web:1"), Map.of("name", "proxy", "image", "p:1"));
    List<Object> reordered =
        List.of(Map.of("name", "proxy", "image", "p:1"), Map.of("name", "app", "image", "web:2"));
    List<Object> args = List.of("--a", "--b");

    assertThat(
            ObjectDiff.changes(
                Map.of("c", containers, "args", args),
                Map.of("c", reordered, "args", List.of("--a"))))
        .containsExactlyInAnyOrder("~ c[app].image: web:1 -> web:2", "- args[1]: --b");
  }
}
