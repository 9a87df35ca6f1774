package dev.warden.core.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionJsonTest {
  private static final String ISSUE_EXAMPLE =
      """
      {"kind":"kubernetes.rollout-restart","target":{"cluster":"default","namespace":"prod-payments","kind":"Deployment","name":"api"},"parameters":{},"blastRadius":{"pods":6},"requester":{"type":"person","id":"U024BE7LH"},"tainted":false}""";

  @Test
  void readsTheDocumentedShape() {
    ProposedAction action = ActionJson.parse(ISSUE_EXAMPLE);
    assertThat(action.kind()).isEqualTo("kubernetes.rollout-restart");
    assertThat(action.target().namespace()).contains("prod-payments");
    assertThat(action.blastRadius()).containsEntry("pods", 6L);
    assertThat(action.requester()).isEqualTo(Requester.person("U024BE7LH"));
    assertThat(action.tainted()).isFalse();
    assertThat(action.mutating()).isTrue();
  }

  @Test
  void theCanonicalFormRoundTripsAndTheHashIgnoresKeyOrderAndWhitespace() {
    ProposedAction action =
        new ProposedAction(
            "kubernetes.scale",
            Target.kubernetes("eu", "prod", "Deployment", "api")
                .withLabels(Map.of("b", "2", "a", "1")),
            Map.of("replicas", 3, "nested", Map.of("z", List.of(1, 2.5, true), "a", "x")),
            Map.of("replicasDelta", -2L),
            Requester.runbook("scale-up"),
            Optional.of("evt-1"),
            true);
    String canonical = ActionJson.canonical(action);
    assertThat(canonical).doesNotContain(" ").startsWith("{\"blastRadius\"");
    ProposedAction back = ActionJson.parse(canonical);
    assertThat(back).isEqualTo(action);
    assertThat(back.hash()).isEqualTo(action.hash()).startsWith("sha256:");

    String reordered =
        """
        { "tainted": false, "requester": {"id": "U024BE7LH", "type": "person"},
          "blastRadius": {"pods": 6}, "parameters": {},
          "target": {"name": "api", "kind": "Deployment", "namespace": "prod-payments", "cluster": "default"},
          "kind": "kubernetes.rollout-restart" }""";
    assertThat(ActionJson.parse(reordered).hash())
        .isEqualTo(ActionJson.parse(ISSUE_EXAMPLE).hash());
  }

  @Test
  void anyChangeChangesTheHash() {
    ProposedAction action = ActionJson.parse(ISSUE_EXAMPLE);
    assertThat(action.withParameters(Map.of("replicas", 1)).hash()).isNotEqualTo(action.hash());
    assertThat(action.withTainted(true).hash()).isNotEqualTo(action.hash());
    assertThat(
            action
                .withTarget(Target.kubernetes("default", "prod-payments", "Deployment", "api2"))
                .hash())
        .isNotEqualTo(action.hash());
  }

  @Test
  void namesWhatIsWrongWithItsPath() {
    assertThatThrownBy(() -> ActionJson.parse("{"))
        .isInstanceOf(ActionFormatException.class)
        .hasMessageStartingWith("not JSON");
    assertThatThrownBy(
            () -> ActionJson.parse("{\"requester\":{\"type\":\"person\",\"id\":\"U1\"}}"))
        .hasMessage("$.kind: required");
    assertThatThrownBy(
            () ->
                ActionJson.parse(
                    "{\"kind\":\"kubernetes.get\",\"requester\":{\"type\":\"robot\",\"id\":\"x\"}}"))
        .hasMessageContaining("$.requester.type")
        .hasMessageContaining("person, runbook or model");
    assertThatThrownBy(
            () ->
                ActionJson.parse(
                    "{\"kind\":\"kubernetes.get\",\"blastRadius\":{\"pods\":\"six\"},"
                        + "\"requester\":{\"type\":\"person\",\"id\":\"U1\"}}"))
        .hasMessage("$.blastRadius.pods: must be an integer");
    assertThatThrownBy(
            () ->
                ActionJson.parse(
                    "{\"kind\":\"kubernetes.get\",\"target\":{\"namespaces\":\"x\"},"
                        + "\"requester\":{\"type\":\"person\",\"id\":\"U1\"}}"))
        .hasMessageStartingWith("$.target.namespaces: unknown");
    assertThatThrownBy(
            () ->
                ActionJson.parse(
                    "{\"kind\":\"Restart!\",\"requester\":{\"type\":\"person\",\"id\":\"U1\"}}"))
        .hasMessageContaining("system.verb");
  }

  @Test
  void readingSecretsIsRecognisedFromTheTargetOrTheParameters() {
    ProposedAction get = ActionJson.parse(ISSUE_EXAMPLE.replace("rollout-restart", "get"));
    assertThat(ActionKinds.readsCredentials(get)).isFalse();
    assertThat(
            ActionKinds.readsCredentials(
                get.withTarget(Target.kubernetes("c", "n", "Secret", "x"))))
        .isTrue();
    assertThat(ActionKinds.readsCredentials(get.withParameters(Map.of("resource", "secrets"))))
        .isTrue();
  }
}
