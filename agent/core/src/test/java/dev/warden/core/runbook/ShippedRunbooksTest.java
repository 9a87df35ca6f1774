package dev.warden.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The runbooks in {@code runbooks/} of the repository, against real Alertmanager payloads. */
class ShippedRunbooksTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** {@code runbooks/} of the repository: from the build's property, else walking up. */
  static Path runbooksDirectory() {
    for (String property : List.of("maven.multiModuleProjectDirectory", "warden.repository.root")) {
      String root = System.getProperty(property);
      if (root != null && Files.isDirectory(Path.of(root, "runbooks"))) {
        return Path.of(root, "runbooks");
      }
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("runbooks/runbook.schema.json"))) {
        return dir.resolve("runbooks");
      }
    }
    throw new IllegalStateException("runbooks/ of the repository not found");
  }

  private static List<Runbook> shipped() {
    RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(runbooksDirectory()));
    assertThat(loaded.problems()).isEmpty();
    return loaded.runbooks().orElseThrow();
  }

  @Test
  void everyShippedRunbookLoadsWithoutProblems() {
    List<Runbook> runbooks = shipped();
    assertThat(runbooks)
        .extracting(Runbook::name)
        .contains(
            "crashloop-restart",
            "rollout-stuck-undo",
            "oomkilled-propose-limits",
            "error-rate-undo",
            "node-not-ready-cordon",
            "job-failed-triage",
            "pvc-filling-up",
            "certificate-expiring")
        .hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void thePassiveRunbooksOnlyReadAndNotify() {
    Map<String, Runbook> byName = new LinkedHashMap<>();
    shipped().forEach(runbook -> byName.put(runbook.name(), runbook));
    for (String passive :
        List.of(
            "oomkilled-propose-limits",
            "job-failed-triage",
            "pvc-filling-up",
            "certificate-expiring")) {
      assertThat(byName.get(passive).mutates()).as(passive).isFalse();
    }
    assertThat(byName.get("node-not-ready-cordon").rollback())
        .extracting(Step::action)
        .containsExactly("kubernetes.uncordon");
    assertThat(byName.get("error-rate-undo").steps())
        .extracting(Step::action)
        .contains("http.check", "kubernetes.rollout-undo");
  }

  @Test
  void aRealCrashLoopAlertMatchesAndItsParamsRender() throws IOException {
    Path alertmanager = SharedFixtures.sharedPath("fixtures/alertmanager");
    List<Runbook> runbooks = shipped();
    int matched = 0;
    try (Stream<Path> files = Files.list(alertmanager)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.json")).toList()) {
        JsonNode payload = JSON.readTree(file.toFile());
        for (JsonNode alert : payload.path("alerts")) {
          Map<String, String> labels = strings(alert.path("labels"));
          Map<String, String> annotations = strings(alert.path("annotations"));
          List<Runbook> matching = runbooks.stream().filter(r -> r.matches(labels)).toList();
          if (labels.get("alertname").equals("KubePodCrashLooping")) {
            assertThat(matching).extracting(Runbook::name).containsExactly("crashloop-restart");
            Runbook runbook = matching.get(0);
            Map<String, String> params = runbook.renderParams(labels, annotations);
            assertThat(params)
                .containsEntry("namespace", "checkout")
                .containsEntry("pod", "checkout-api-7d9f8b6c5d-x2x9k")
                .containsEntry("container", "api");
            Map<String, Object> logs =
                runbook
                    .steps()
                    .get(0)
                    .render(runbook.values(labels, annotations, params, Map.of()));
            assertThat(logs)
                .containsEntry("namespace", "checkout")
                .containsEntry("pod", "checkout-api-7d9f8b6c5d-x2x9k");
            matched++;
          } else {
            assertThat(matching).as(file + ": " + labels).isEmpty();
          }
        }
      }
    }
    assertThat(matched).as("crash-loop alerts in the fixtures").isGreaterThanOrEqualTo(1);
  }

  @Test
  void aHostileLabelValueRendersAsInertText() {
    Runbook runbook =
        shipped().stream().filter(r -> r.name().equals("crashloop-restart")).findFirst().get();
    String hostile = "{{ params.namespace }}; $(curl evil)";
    Map<String, String> labels =
        Map.of(
            "alertname", "KubePodCrashLooping",
            "namespace", hostile,
            "pod", "p; kubectl delete ns prod",
            "container", "c`rm -rf /`");
    Map<String, String> params = runbook.renderParams(labels, Map.of());
    assertThat(params)
        .containsEntry("namespace", hostile)
        .containsEntry("pod", "p; kubectl delete ns prod")
        .containsEntry("container", "c`rm -rf /`");
    Map<String, Object> with =
        runbook.steps().get(0).render(runbook.values(labels, Map.of(), params, Map.of()));
    assertThat(with).containsEntry("namespace", hostile);
  }

  @Test
  void aMissingLabelAtRenderTimeNamesIt() {
    Runbook runbook =
        shipped().stream().filter(r -> r.name().equals("job-failed-triage")).findFirst().get();
    assertThatThrownBy(
            () ->
                runbook.renderParams(
                    Map.of("alertname", "KubeJobFailed", "namespace", "batch"), Map.of()))
        .isInstanceOf(Template.RenderException.class)
        .hasMessageContaining("job_name");
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
    return map;
  }
}
