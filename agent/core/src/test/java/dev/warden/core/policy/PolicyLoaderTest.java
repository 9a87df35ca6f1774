package dev.warden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.definition.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
  private static List<String> problems(PolicyLoader.Loaded loaded) {
    return loaded.problems().stream().map(Problem::toString).toList();
  }

  private static List<String> problems(String text) {
    PolicyLoader.Loaded loaded = PolicyLoader.parse("p.yaml", text);
    assertThat(loaded.policies()).as("a load with errors has no policy set").isEmpty();
    return problems(loaded);
  }

  private static PolicySet valid(PolicyLoader.Loaded loaded) {
    assertThat(loaded.problems()).noneMatch(Problem::isError);
    return loaded.policies().orElseThrow();
  }

  @Test
  void loadsAValidFileIntoAPolicySet() {
    PolicyLoader.Loaded loaded =
        PolicyLoader.parse(
            "policies/main.yaml",
            """
            # yaml-language-server: $schema=policy.schema.json
            groups:
              sre-oncall: ["U024BE7LH", "slack-group:S0123ABCD", "github-team:acme/sre"]
            defaults:
              approvals: { approvers: ["@sre-oncall"], min: 1, ttl: 30m }
            rules:
              - name: restarts-in-prod-need-two
                description: two people look at prod restarts
                match:
                  actions: ["kubernetes.rollout-restart", "kubernetes.*"]
                  namespaces: ["prod*"]
                  clusters: ["*"]
                  repos: ["acme/*"]
                  targetKinds: ["Deployment"]
                  labels: { team: "payments*" }
                  readOnly: false
                when: "action.blastRadius.pods <= 5"
                level: approve-first
                approvals: { approvers: ["@sre-oncall", "U024BE7LH"], min: 2, ttl: 1h30m }
              - name: try-scaling
                match: { actions: ["kubernetes.scale"] }
                level: autonomous
                shadow: true
              - name: no-approvals-on-github
                match: { actions: ["github.approve"] }
                level: deny
            freezes:
              - name: year-end
                from: 2026-12-20T00:00:00
                to: "2027-01-04T00:00:00"
                zone: Europe/Berlin
                reason: year-end change freeze
                except: ["kubernetes.get", "kubernetes.pod-logs"]
              - name: maintenance
                from: 2026-06-01T08:00:00Z
                to: "2026-06-01T12:00:00+02:00"
            """);

    PolicySet policies = valid(loaded);
    assertThat(loaded.problems()).isEmpty();
    assertThat(policies.groups())
        .isEqualTo(
            Map.of(
                "sre-oncall",
                List.of("U024BE7LH", "slack-group:S0123ABCD", "github-team:acme/sre")));
    assertThat(policies.defaultApprovals())
        .contains(new ApprovalRequirement(List.of("@sre-oncall"), 1, Duration.ofMinutes(30)));
    assertThat(policies.rules())
        .extracting(Rule::name)
        .containsExactly("restarts-in-prod-need-two", "try-scaling", "no-approvals-on-github");

    Rule restarts = policies.rules().get(0);
    assertThat(restarts.description()).contains("two people look at prod restarts");
    assertThat(restarts.match())
        .isEqualTo(
            new Match(
                List.of(Glob.of("kubernetes.rollout-restart"), Glob.of("kubernetes.*")),
                List.of(Glob.of("prod*")),
                List.of(Glob.of("*")),
                List.of(Glob.of("acme/*")),
                List.of(Glob.of("Deployment")),
                Map.of("team", Glob.of("payments*")),
                Optional.of(false)));
    assertThat(restarts.when().map(Condition::expression)).contains("action.blastRadius.pods <= 5");
    assertThat(restarts.level()).isEqualTo(Level.APPROVE_FIRST);
    assertThat(restarts.approvals())
        .contains(
            new ApprovalRequirement(
                List.of("@sre-oncall", "U024BE7LH"), 2, Duration.ofMinutes(90)));
    assertThat(restarts.shadow()).isFalse();
    assertThat(restarts.origin()).isEqualTo(new Origin("policies/main.yaml", 7, 5));

    Rule scaling = policies.rules().get(1);
    assertThat(scaling.match()).isEqualTo(Match.actions("kubernetes.scale"));
    assertThat(scaling.shadow()).isTrue();
    assertThat(scaling.origin()).isEqualTo(new Origin("policies/main.yaml", 20, 5));
    assertThat(policies.rules().get(2).level()).isEqualTo(Level.DENY);

    Freeze yearEnd = policies.freezes().get(0);
    assertThat(yearEnd.name()).isEqualTo("year-end");
    assertThat(yearEnd.from()).isEqualTo(Instant.parse("2026-12-19T23:00:00Z"));
    assertThat(yearEnd.to()).isEqualTo(Instant.parse("2027-01-03T23:00:00Z"));
    assertThat(yearEnd.reason()).contains("year-end change freeze");
    assertThat(yearEnd.except())
        .containsExactly(Glob.of("kubernetes.get"), Glob.of("kubernetes.pod-logs"));
    assertThat(yearEnd.origin()).isEqualTo(new Origin("policies/main.yaml", 28, 5));
    Freeze maintenance = policies.freezes().get(1);
    assertThat(maintenance.from()).isEqualTo(Instant.parse("2026-06-01T08:00:00Z"));
    assertThat(maintenance.to()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
    assertThat(maintenance.except()).isEmpty();
  }

  @Test
  void anEmptyFileIsAnEmptyPolicySet() {
    PolicySet policies = valid(PolicyLoader.parse("empty.yaml", "# nothing yet\n"));

    assertThat(policies.rules()).isEmpty();
    assertThat(policies.groups()).isEmpty();
    assertThat(policies.defaultApprovals()).isEmpty();
    assertThat(policies.version()).startsWith("sha256:").hasSize(7 + 64);
  }

  @Test
  void reportsSchemaViolationsWithThePolicyPath() {
    assertThat(
            problems(
                """
                rules:
                  - name: Restart
                    levle: deny
                    level: sometimes
                  - level: deny
                freezes:
                  - name: f
                    from: 2026-01-01T00:00:00Z
                extra: 1
                """))
        .containsExactly(
            "p.yaml:2:11: rules[0].name: 'Restart' is not a valid name: use lower-case letters,"
                + " digits and dashes, starting with a letter or digit",
            "p.yaml:3:5: rules[0]: unknown property 'levle'; did you mean 'level'?",
            "p.yaml:4:12: rules[0].level: must be one of autonomous, approve-first, passive, deny",
            "p.yaml:5:5: rules[1]: missing required property 'name'",
            "p.yaml:7:5: freezes[0]: missing required property 'to'",
            "p.yaml:9:1: unknown property 'extra'; expected one of groups, defaults, rules,"
                + " freezes");
  }

  @Test
  void reportsASyntaxErrorOnly() {
    assertThat(problems("rules:\n  - name: a\n    level: [deny\n"))
        .containsExactly(
            "p.yaml:4:1: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence at 3:12)");
  }

  @Test
  void reportsADuplicateRuleNameAcrossFilesAtTheSecond(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("a.yaml"), "rules:\n  - name: restart\n    level: deny\n");
    Files.writeString(
        directory.resolve("b.yaml"),
        "rules:\n  - name: other\n    level: deny\n  - name: restart\n    level: passive\n");

    PolicyLoader.Loaded loaded = PolicyLoader.load(List.of(directory));

    assertThat(problems(loaded))
        .containsExactly(
            directory.resolve("b.yaml")
                + ":4:11: rule name 'restart' is already used at "
                + directory.resolve("a.yaml")
                + ":2:11");
    assertThat(loaded.policies()).isEmpty();
  }

  @Test
  void reportsADuplicateGroupAndDefaultsInMoreThanOneFile(@TempDir Path directory)
      throws Exception {
    Path a = directory.resolve("a.yaml");
    Path b = directory.resolve("b.yaml");
    Files.writeString(
        a,
        """
        groups:
          sre: ["U024BE7LH"]
        defaults:
          approvals: { approvers: ["@sre"], min: 1, ttl: 30m }
        """);
    Files.writeString(
        b,
        """
        defaults:
          approvals: { approvers: ["@sre"], min: 2, ttl: 1h }
        groups:
          sre: ["U0G9QF9C6"]
        """);

    assertThat(problems(PolicyLoader.load(List.of(directory))))
        .containsExactly(
            b + ":1:1: defaults are already given at " + a + ":3:1; give them in one file only",
            b + ":4:3: group 'sre' is already defined at " + a + ":2:3");
  }

  @Test
  void reportsADuplicateFreezeName() {
    assertThat(
            problems(
                """
                freezes:
                  - name: year-end
                    from: 2026-12-20T00:00:00
                    to: 2027-01-04T00:00:00
                  - name: year-end
                    from: 2027-12-20T00:00:00
                    to: 2028-01-04T00:00:00
                """))
        .containsExactly("p.yaml:5:11: freeze name 'year-end' is already used at p.yaml:2:11");
  }

  @Test
  void reportsUndefinedAndNestedGroupsAndWarnsAboutAnEmptyOne() {
    assertThat(
            problems(
                """
                groups:
                  sre: ["U024BE7LH", "@leads"]
                  leads: []
                defaults:
                  approvals: { approvers: ["@sre", "@nobody"], min: 1, ttl: 30m }
                rules:
                  - name: restarts
                    level: approve-first
                    approvals:
                      approvers:
                        - "@sre"
                        - "@missing"
                      min: 1
                      ttl: 30m
                """))
        .containsExactly(
            "p.yaml:2:22: groups do not nest: @leads is a group; list its members here instead",
            "p.yaml:3:3: warning: group @leads has no members: nobody can approve through it",
            "p.yaml:5:36: undefined group @nobody; define it under groups",
            "p.yaml:12:11: undefined group @missing; define it under groups");
  }

  @Test
  void anEmptyGroupIsOnlyAWarning() {
    PolicyLoader.Loaded loaded =
        PolicyLoader.parse(
            "p.yaml",
            """
            groups:
              sre-oncall: []
            defaults:
              approvals: { approvers: ["@sre-oncall"], min: 1, ttl: 30m }
            """);

    assertThat(problems(loaded))
        .containsExactly(
            "p.yaml:2:3: warning: group @sre-oncall has no members: nobody can approve through it");
    assertThat(valid(loaded).groups()).isEqualTo(Map.of("sre-oncall", List.of()));
  }

  @Test
  void placesConditionErrorsInsideTheExpressionWhenTheSourceShowsItVerbatim() {
    assertThat(
            problems(
                """
                rules:
                  - name: plain
                    when: action.kind == nope
                    level: autonomous
                  - name: quoted
                    when: "action.kind == 'x' && nope"
                    level: autonomous
                  - name: literal
                    when: |
                      action.kind == "x" &&
                        nope
                    level: autonomous
                  - name: folded
                    when: >
                      action.kind == "x" && nope
                    level: autonomous
                  - name: not-boolean
                    when: "1 + 1"
                    level: autonomous
                """))
        .containsExactly(
            "p.yaml:3:26: invalid condition: undeclared reference to 'nope'",
            "p.yaml:6:34: invalid condition: undeclared reference to 'nope'",
            "p.yaml:11:9: invalid condition: undeclared reference to 'nope'",
            "p.yaml:14:11: invalid condition: undeclared reference to 'nope'",
            "p.yaml:18:14: invalid condition: expected type 'bool' but found 'int'");
  }

  @Test
  void shortensConditionSyntaxErrors() {
    assertThat(
            problems(
                """
                rules:
                  - name: broken
                    when: "action.x == && true"
                    level: autonomous
                """))
        .containsExactly("p.yaml:3:24: invalid condition: extraneous input '&&'");
  }

  @Test
  void approvalsGoWithApproveFirstAndOnlyWithIt() {
    assertThat(
            problems(
                """
                rules:
                  - name: needs-approvals
                    level: approve-first
                  - name: passive-with-approvals
                    level: passive
                    approvals: { approvers: ["U024BE7LH"], min: 1, ttl: 30m }
                """))
        .containsExactly(
            "p.yaml:3:12: an approve-first rule needs approvals:"
                + " { approvers: [...], min: 1, ttl: 30m }",
            "p.yaml:6:5: approvals apply to approve-first rules only; this rule is passive");
  }

  @Test
  void ttlMustBeBetweenOneSecondAndSevenDays() {
    assertThat(
            problems(
                """
                rules:
                  - name: too-long
                    level: approve-first
                    approvals: { approvers: ["U024BE7LH"], min: 1, ttl: 7d1s }
                  - name: too-short
                    level: approve-first
                    approvals: { approvers: ["U024BE7LH"], min: 1, ttl: 0s }
                  - name: not-a-duration
                    level: approve-first
                    approvals: { approvers: ["U024BE7LH"], min: 21, ttl: 30 minutes }
                """))
        .containsExactly(
            "p.yaml:4:57: ttl must be between 1s and 7d, not 7d1s",
            "p.yaml:7:57: ttl must be between 1s and 7d, not 0s",
            "p.yaml:10:49: rules[2].approvals.min: must be at most 20, not 21",
            "p.yaml:10:58: rules[2].approvals.ttl: '30 minutes' is not a duration such as 90s,"
                + " 30m, 2h, 1h30m or 1d");
  }

  @Test
  void shadowAppliesToAutonomousRulesOnly() {
    assertThat(
            problems(
                """
                rules:
                  - name: shadowed-deny
                    level: deny
                    shadow: true
                """))
        .containsExactly(
            "p.yaml:4:13: shadow records what would have run autonomously, so it applies to"
                + " autonomous rules only; this rule is deny");
  }

  @Test
  void warnsAboutUnknownActionKindsButNotAboutGlobs() {
    PolicyLoader.Loaded loaded =
        PolicyLoader.parse(
            "p.yaml",
            """
            rules:
              - name: restarts
                match:
                  actions: ["kubernetes.rollout-restart", "kubernetes.restart", "github.*", "x?"]
                level: passive
            """);

    assertThat(problems(loaded))
        .containsExactly(
            "p.yaml:4:47: warning: unknown action kind 'kubernetes.restart': actions of unknown"
                + " kinds are always passive");
    assertThat(valid(loaded).rules()).hasSize(1);
  }

  @Test
  void checksTheFreezeWindow() {
    assertThat(
            problems(
                """
                freezes:
                  - name: backwards
                    from: 2026-12-20T00:00:00
                    to: 2026-12-19T22:00:00Z
                    zone: Europe/Berlin
                  - name: bad-zone
                    from: 2026-12-20T00:00:00
                    to: 2026-12-21T00:00:00
                    zone: Europe/Atlantis
                  - name: bad-dates
                    from: 2026-12-20
                    to: "2026-13-01T00:00:00"
                """))
        .containsExactly(
            "p.yaml:4:9: the freeze must end after it starts: to is 2026-12-19T22:00:00Z,"
                + " from is 2026-12-19T23:00:00Z",
            "p.yaml:9:11: unknown time zone 'Europe/Atlantis'; use a region such as"
                + " Europe/Berlin, or UTC",
            "p.yaml:11:11: '2026-12-20' is not a date-time such as 2026-12-20T00:00:00"
                + " (in the freeze's zone) or 2026-12-20T00:00:00Z",
            "p.yaml:12:9: '2026-13-01T00:00:00' is not a date-time such as 2026-12-20T00:00:00"
                + " (in the freeze's zone) or 2026-12-20T00:00:00Z");
  }

  @Test
  void reportsEveryProblemOfSeveralFilesAtOnceSortedByFileAndPlace(@TempDir Path directory)
      throws Exception {
    Path a = directory.resolve("a.yaml");
    Path b = directory.resolve("b.yaml");
    Files.writeString(
        b,
        """
        rules:
          - name: one
            level: autonomous
            approvals: { approvers: ["@ops"], min: 1, ttl: 30m }
          - name: two
            when: nope
            level: deny
        """);
    Files.writeString(
        a,
        """
        rules:
          - name: one
            level: approve-first
        freezes:
          - name: f
            from: 2026-01-02T00:00:00Z
            to: 2026-01-01T00:00:00Z
        """);

    assertThat(problems(PolicyLoader.load(List.of(directory))))
        .containsExactly(
            a
                + ":3:12: an approve-first rule needs approvals: { approvers: [...], min: 1, ttl: 30m }",
            a
                + ":7:9: the freeze must end after it starts: to is 2026-01-01T00:00:00Z,"
                + " from is 2026-01-02T00:00:00Z",
            b + ":2:11: rule name 'one' is already used at " + a + ":2:11",
            b + ":4:5: approvals apply to approve-first rules only; this rule is autonomous",
            b + ":4:30: undefined group @ops; define it under groups",
            b + ":6:11: invalid condition: undeclared reference to 'nope'");
  }

  @Test
  void readsTheYamlFilesOfADirectoryInNameOrderAndExplicitFilesOfAnyName(@TempDir Path directory)
      throws Exception {
    Path policies = Files.createDirectory(directory.resolve("policies"));
    Files.writeString(policies.resolve("b.yaml"), rule("from-b"));
    Files.writeString(policies.resolve("a.yml"), rule("from-a"));
    Files.writeString(policies.resolve("c.yaml"), rule("from-c"));
    Files.writeString(policies.resolve("notes.txt"), "not: [a policy");
    Files.createDirectory(policies.resolve("sub"));
    Files.writeString(policies.resolve("sub").resolve("nested.yaml"), rule("nested"));
    Path extra = Files.writeString(directory.resolve("extra.policy"), rule("explicit"));

    PolicySet set = valid(PolicyLoader.load(List.of(policies, extra)));

    assertThat(set.rules())
        .extracting(Rule::name)
        .containsExactly("from-a", "from-b", "from-c", "explicit");
    assertThat(set.rules().get(0).origin())
        .isEqualTo(new Origin(policies.resolve("a.yml").toString(), 2, 5));
    assertThat(set.rules().get(3).origin().file()).isEqualTo(extra.toString());
  }

  @Test
  void keepsFileNamesAsGiven(@TempDir Path directory) throws Exception {
    Files.writeString(directory.resolve("a.yaml"), "rules: [{name: x, level: never}]\n");
    Path relative = Path.of("").toAbsolutePath().relativize(directory);

    assertThat(problems(PolicyLoader.load(List.of(relative))))
        .containsExactly(
            relative.resolve("a.yaml")
                + ":1:26: rules[0].level: must be one of autonomous, approve-first, passive,"
                + " deny");
  }

  @Test
  void warnsAboutAnEmptyDirectoryAndReportsAMissingPath(@TempDir Path directory) {
    Path missing = directory.resolve("missing.yaml");

    assertThat(problems(PolicyLoader.load(List.of(directory, missing))))
        .containsExactly(
            directory
                + ":1:1: warning: no policy files (*.yaml, *.yml) in this directory:"
                + " every action is passive",
            missing + ":1:1: no such file");
  }

  @Test
  void theVersionIsADigestOfTheFilesNamesAndContents() {
    String text = rule("restart");

    String version = valid(PolicyLoader.parse("a.yaml", text)).version();

    assertThat(version).matches("sha256:[0-9a-f]{64}");
    assertThat(valid(PolicyLoader.parse("a.yaml", text)).version()).isEqualTo(version);
    assertThat(valid(PolicyLoader.parse("b.yaml", text)).version()).isNotEqualTo(version);
    assertThat(valid(PolicyLoader.parse("a.yaml", text + "# changed\n")).version())
        .isNotEqualTo(version);
  }

  @Test
  void theRepositoryPoliciesLoadWithoutErrors() {
    Path root =
        Path.of(System.getProperty("warden.repository.root", Path.of("..", "..").toString()));
    Path policies = root.resolve("policies");
    Assumptions.assumeTrue(
        Files.isDirectory(policies),
        "the repository's policies/ is not at " + policies + " (not run from the repository)");

    PolicyLoader.Loaded loaded = PolicyLoader.load(List.of(policies));

    PolicySet set = valid(loaded);
    // the shipped on-call group is empty until an operator fills it in, on purpose
    assertThat(loaded.problems())
        .extracting(Problem::message)
        .containsExactly("group @sre-oncall has no members: nobody can approve through it");
    assertThat(set.rules())
        .extracting(Rule::name)
        .containsExactly(
            "read-only-lookups",
            "warden-messages",
            "freeze-switch-by-people",
            "prod-mutations-need-two",
            "deletes-are-passive");
    assertThat(set.rule("prod-mutations-need-two").flatMap(Rule::approvals))
        .contains(new ApprovalRequirement(List.of("@sre-oncall"), 2, Duration.ofMinutes(30)));
    assertThat(set.defaultApprovals())
        .contains(new ApprovalRequirement(List.of("@sre-oncall"), 1, Duration.ofMinutes(30)));
  }

  private static String rule(String name) {
    return "rules:\n  - name: " + name + "\n    level: passive\n";
  }
}
