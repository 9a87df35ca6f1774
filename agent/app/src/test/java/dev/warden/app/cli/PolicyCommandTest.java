package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PolicyCommandTest {
  /** The action of the issue, verbatim. */
  static final String RESTART =
      """
      {"kind":"kubernetes.rollout-restart","target":{"cluster":"default","namespace":"prod-payments","kind":"Deployment","name":"api"},"parameters":{},"blastRadius":{"pods":6},"requester":{"type":"person","id":"U024BE7LH"},"tainted":false}""";

  @TempDir Path dir;
  private Path policies;

  @BeforeEach
  void policies() throws IOException {
    policies = Files.createDirectory(dir.resolve("policies"));
    Files.writeString(
        policies.resolve("team.yaml"),
        """
        groups:
          sre: ["U0ALICE", "U0BOB"]
        rules:
          - name: prod-restarts
            match: { actions: ["kubernetes.rollout-*"], namespaces: ["prod*"] }
            when: "action.blastRadius.pods <= 10"
            level: approve-first
            approvals: { approvers: ["@sre"], min: 2, ttl: 30m }
          - name: restarts
            match: { actions: ["kubernetes.rollout-restart"] }
            level: autonomous
        freezes:
          - name: year-end
            from: "2026-12-20T00:00:00"
            to: "2027-01-04T00:00:00"
            zone: Europe/Berlin
        """);
  }

  private Path action(String json) throws IOException {
    return Files.writeString(dir.resolve("action.json"), json);
  }

  @Test
  void printsTheDecisionWithEveryMatchingRule() throws IOException {
    Cli cli =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            action(RESTART).toString(),
            "--at",
            "2026-11-27T10:00:00Z");
    assertThat(cli.exit()).as(cli.err()).isZero();
    JsonNode decision = JsonMapper.builder().build().readTree(cli.out());
    assertThat(decision.get("level").asString()).isEqualTo("approve-first");
    assertThat(decision.get("rule").asString()).isEqualTo("prod-restarts");
    assertThat(decision.get("matches").valueStream().map(m -> m.get("rule").asString()))
        .containsExactly("prod-restarts", "restarts");
    assertThat(decision.get("matches").get(0).get("why").asString())
        .contains("namespace prod-payments matches 'prod*'", "when action.blastRadius.pods <= 10");
    assertThat(decision.get("matches").get(0).get("origin").asString())
        .isEqualTo(policies.resolve("team.yaml") + ":4:5");
    assertThat(decision.get("approvals").get("min").asInt()).isEqualTo(2);
    assertThat(decision.get("approvals").get("approvers").get(0).asString()).isEqualTo("@sre");
    assertThat(decision.get("approvals").get("ttl").asString()).isEqualTo("PT30M");
  }

  @Test
  void decidesAsOfAGivenTimeAndUnderTheGlobalFreeze() throws IOException {
    Path file = action(RESTART.replace("prod-payments", "dev"));
    Cli normal =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            file.toString(),
            "--at",
            "2026-11-27T10:00:00Z");
    assertThat(normal.out()).contains("\"level\" : \"autonomous\"");
    Cli frozen =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            file.toString(),
            "--at",
            "2026-12-24T10:00:00Z");
    assertThat(frozen.out()).contains("\"level\" : \"passive\"", "change freeze year-end");
    Cli switched =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            file.toString(),
            "--global-freeze");
    assertThat(switched.out()).contains("\"level\" : \"passive\"", "global freeze on");
  }

  @Test
  void badInputExitsTwoWithAMessage() throws IOException {
    Cli notJson =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            action("{\"kind\": ").toString());
    assertThat(notJson.exit()).isEqualTo(2);
    assertThat(notJson.err()).contains("not JSON");

    Cli wrongShape =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            action("{\"kind\":\"kubernetes.get\"}").toString());
    assertThat(wrongShape.exit()).isEqualTo(2);
    assertThat(wrongShape.err()).contains("$.requester: required");

    Cli missing =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            dir.resolve("nope.json").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read");

    Files.writeString(
        policies.resolve("broken.yaml"), "rules:\n  - name: x\n    level: sometimes\n");
    Cli broken =
        Cli.run(
            "policy",
            "check",
            "--policies",
            policies.toString(),
            "--action",
            action(RESTART).toString());
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains(policies.resolve("broken.yaml") + ":3:12:");
  }

  @Test
  void theDefaultPoliciesAskTwoApproversForARestartInProduction() throws IOException {
    Path shipped = Path.of(System.getProperty("warden.repository.root", "../.."), "policies");
    Assumptions.assumeTrue(Files.isDirectory(shipped), "the repository's policies/ is not here");
    Cli restart =
        Cli.run(
            "policy",
            "check",
            "--policies",
            shipped.toString(),
            "--action",
            action(RESTART).toString());
    assertThat(restart.exit()).as(restart.err()).isZero();
    assertThat(restart.out())
        .contains(
            "\"level\" : \"approve-first\"",
            "\"rule\" : \"prod-mutations-need-two\"",
            "\"min\" : 2");
    Cli delete =
        Cli.run(
            "policy",
            "check",
            "--policies",
            shipped.toString(),
            "--action",
            action(RESTART.replace("rollout-restart", "delete-pod")).toString());
    assertThat(delete.out()).contains("\"level\" : \"passive\"");
    Cli secret =
        Cli.run(
            "policy",
            "check",
            "--policies",
            shipped.toString(),
            "--action",
            action(RESTART.replace("rollout-restart", "get").replace("Deployment", "Secret"))
                .toString());
    assertThat(secret.out()).contains("\"level\" : \"deny\"");
    Cli read =
        Cli.run(
            "policy",
            "check",
            "--policies",
            shipped.toString(),
            "--action",
            action(RESTART.replace("rollout-restart", "pod-logs").replace("Deployment", "Pod"))
                .toString());
    assertThat(read.out()).contains("\"level\" : \"autonomous\"", "read-only-lookups");
  }
}
