package dev.warden.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.definition.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLoaderTest {
  @TempDir Path dir;

  private static final String BROKEN =
      """
      name: broken
      description: everything wrong at once
      match: { alertname: KubePodCrashLooping }
      params:
        namespace: "{{ labels.namespace }}"
      steps:
        - id: look
          action: kubernetes.restart
          with: { namespace: "{{ params.namespce }}" }
        - id: logs
          action: kubernetes.pod-logs
          with: { pod: "{{ steps.later.output.name }}", tail: 10 }
        - id: look
          action: notify
          with: { text: "x {{ env.HOME }}" }
        - id: later
          action: notify
          with: { text: "ok" }
      """;

  private static List<String> messages(RunbookLoader.Loaded loaded) {
    return loaded.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void reportsEveryProblemOfABrokenFileAtItsPlace() {
    RunbookLoader.Loaded loaded = RunbookLoader.parse("broken.yaml", BROKEN);
    assertThat(loaded.runbooks()).isEmpty();
    assertThat(messages(loaded))
        .containsExactly(
            "broken.yaml:8:13: unknown step action 'kubernetes.restart'; did you mean"
                + " 'kubernetes.rollout-restart'?",
            "broken.yaml:9:25: unknown parameter 'namespce'; the params are namespace",
            "broken.yaml:12:19: 'steps.later.output.name' refers to step 'later', which does not"
                + " run before this one; only earlier steps' outputs can be used",
            "broken.yaml:13:9: step id 'look' is already used at broken.yaml:7:9",
            "broken.yaml:15:25: invalid template: unknown template variable 'env'; use labels.X,"
                + " annotations.X, params.X or steps.ID.output.X (no filters or expressions)");
  }

  @Test
  void schemaProblemsAreReportedWithTheirPlaces() {
    RunbookLoader.Loaded loaded =
        RunbookLoader.parse(
            "schema.yaml",
            """
            name: Not_Kebab
            description: x
            match: { alertname: { glob: "Kube*", regex: "x" } }
            steps:
              - id: a
                action: notify
                on-failure: explode
                timeout: soon
                retries: 3
            """);
    assertThat(messages(loaded))
        .contains(
            "schema.yaml:1:7: name: 'Not_Kebab' must be kebab-case: lower-case letters and"
                + " digits, words joined by single dashes",
            "schema.yaml:7:17: steps[0].on-failure: must be one of stop, continue, rollback",
            "schema.yaml:8:14: steps[0].timeout: 'soon' is not a duration such as 30s, 5m or"
                + " 1h30m",
            "schema.yaml:9:5: steps[0]: unknown property 'retries'; expected one of id,"
                + " action, with, on-failure, timeout");
  }

  @Test
  void aStepCannotUseItsOwnOutputAndParamsReferToTheAlertOnly() {
    RunbookLoader.Loaded loaded =
        RunbookLoader.parse(
            "self.yaml",
            """
            name: self
            description: x
            match: { alertname: A }
            params: { a: "{{ labels.a }}", b: "{{ params.a }}" }
            steps:
              - id: one
                action: notify
                with: { text: "{{ steps.one.output.text }}" }
                on-failure: rollback
            """);
    assertThat(messages(loaded))
        .containsExactly(
            "self.yaml:4:36: a parameter may refer to labels and annotations only, not to"
                + " params.a",
            "self.yaml:8:20: a step cannot use its own output (steps.one.output.text)",
            "self.yaml:9:17: on-failure: rollback needs rollback steps; add a rollback list to"
                + " the runbook");
  }

  @Test
  void duplicateNamesAcrossFilesAreReportedAtTheSecond() throws IOException {
    String runbook =
        """
        name: same
        description: x
        match: { alertname: A }
        steps:
          - { id: a, action: notify, with: { text: hi } }
        """;
    Path a = Files.writeString(dir.resolve("a.yaml"), runbook);
    Path b = Files.writeString(dir.resolve("b.yml"), runbook);
    Files.writeString(dir.resolve("notes.txt"), "not a runbook");
    RunbookLoader.Loaded loaded = RunbookLoader.load(List.of(dir));
    assertThat(messages(loaded))
        .containsExactly(b + ":1:7: runbook name 'same' is already used at " + a + ":1:7");
  }

  @Test
  void aValidRunbookLoadsMatchesAndRenders() {
    RunbookLoader.Loaded loaded =
        RunbookLoader.parse(
            "ok.yaml",
            """
            name: ok
            description: fine
            match:
              alertname: KubePodCrashLooping
              namespace: { glob: "prod-*" }
              pod: { regex: "api-[a-z0-9]+" }
            params:
              namespace: "{{ labels.namespace }}"
              limit: 5
            steps:
              - id: get
                action: kubernetes.get
                with: { namespace: "{{ params.namespace }}", tail: 5, previous: true }
                timeout: 1h30m
              - id: tell
                action: notify
                with: { text: "{{ steps.get.output.name }} in {{ params.namespace }}" }
                on-failure: rollback
            rollback:
              - id: undo
                action: kubernetes.uncordon
                with: { name: "{{ steps.get.output.name }}" }
            """);
    assertThat(loaded.problems()).isEmpty();
    Runbook runbook = loaded.runbooks().orElseThrow().get(0);
    assertThat(runbook.origin()).isEqualTo("ok.yaml:1:1");
    assertThat(runbook.steps().get(0).timeout()).contains(java.time.Duration.ofMinutes(90));
    assertThat(runbook.steps().get(1).onFailure()).isEqualTo(OnFailure.ROLLBACK);
    assertThat(runbook.mutates()).isTrue();
    Map<String, String> labels =
        Map.of("alertname", "KubePodCrashLooping", "namespace", "prod-eu", "pod", "api-7x");
    assertThat(runbook.matches(labels)).isTrue();
    assertThat(runbook.matches(Map.of("alertname", "KubePodCrashLooping", "namespace", "prod")))
        .isFalse();
    assertThat(
            runbook.matches(Map.of("alertname", "Other", "namespace", "prod-eu", "pod", "api-7")))
        .isFalse();
    assertThat(
            runbook.matches(
                Map.of(
                    "alertname", "KubePodCrashLooping", "namespace", "prod-eu", "pod", "api-7-x")))
        .isFalse();
    Map<String, String> params = runbook.renderParams(labels, Map.of());
    assertThat(params).containsExactly(Map.entry("namespace", "prod-eu"), Map.entry("limit", "5"));
    Map<String, Object> with =
        runbook
            .steps()
            .get(1)
            .render(
                runbook.values(labels, Map.of(), params, Map.of("get", Map.of("name", "api-7x"))));
    assertThat(with).containsExactly(Map.entry("text", "api-7x in prod-eu"));
    assertThat(runbook.steps().get(0).render(runbook.values(labels, Map.of(), params, Map.of())))
        .containsExactly(
            Map.entry("namespace", "prod-eu"), Map.entry("tail", 5L), Map.entry("previous", true));
  }
}
