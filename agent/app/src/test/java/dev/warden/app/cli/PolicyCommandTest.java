package dev.warden.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** {@code warden policy check} of that action against {@code against}, with more options. */
  private Cli check(Path against, String json, String... options) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "policy",
                "check",
                "--policies",
                against.toString(),
                "--action",
                action(json).toString()));
    args.addAll(List.of(options));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void printsTheDecisionWithEveryMatchingRule() throws IOException {
    Cli cli = check(policies, RESTART, "--at", "2026-11-27T10:00:00Z");
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
    String inDev = RESTART.replace("prod-payments", "dev");
    assertThat(check(policies, inDev, "--at", "2026-11-27T10:00:00Z").out())
        .contains("\"level\" : \"autonomous\"");
    assertThat(check(policies, inDev, "--at", "2026-12-24T10:00:00Z").out())
        .contains("\"level\" : \"passive\"", "change freeze year-end");
    assertThat(check(policies, inDev, "--global-freeze").out())
        .contains("\"level\" : \"passive\"", "global freeze on");
  }

  @Test
  void badInputExitsTwoWithAMessage() throws IOException {
    Cli notJson = check(policies, "{\"kind\": ");
    assertThat(notJson.exit()).isEqualTo(2);
    assertThat(notJson.err()).contains("not JSON");

    Cli wrongShape = check(policies, "{\"kind\":\"kubernetes.get\"}");
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
    Cli broken = check(policies, RESTART);
    assertThat(broken.exit()).isEqualTo(2);
    assertThat(broken.err()).contains(policies.resolve("broken.yaml") + ":3:12:");
  }

  @Test
  void theDefaultPoliciesAskTwoApproversForARestartInProduction() throws IOException {
    Path shipped = Path.of(System.getProperty("warden.repository.root", "../.."), "policies");
    Assumptions.assumeTrue(Files.isDirectory(shipped), "the repository's policies/ is not here");
    Cli restart = check(shipped, RESTART);
    assertThat(restart.exit()).as(restart.err()).isZero();
    assertThat(restart.out())
        .contains(
            "\"level\" : \"approve-first\"",
            "\"rule\" : \"prod-mutations-need-two\"",
            "\"min\" : 2");
    assertThat(check(shipped, RESTART.replace("rollout-restart", "delete-pod")).out())
        .contains("\"level\" : \"passive\"");
    assertThat(
            check(
                    shipped,
                    RESTART.replace("rollout-restart", "get").replace("Deployment", "Secret"))
                .out())
        .contains("\"level\" : \"deny\"");
    assertThat(
            check(
                    shipped,
                    RESTART.replace("rollout-restart", "pod-logs").replace("Deployment", "Pod"))
                .out())
        .contains("\"level\" : \"autonomous\"", "read-only-lookups");
    assertThat(check(shipped, RESTART.replace("prod-payments", "dev")).out())
        .as("a mutation outside prod matches no rule")
        .contains("\"level\" : \"passive\"", "no rule matches");
  }
}
