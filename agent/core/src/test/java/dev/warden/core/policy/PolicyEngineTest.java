package dev.warden.core.policy;

import static dev.warden.core.testing.Policies.approveFirst;
import static dev.warden.core.testing.Policies.getPods;
import static dev.warden.core.testing.Policies.restart;
import static dev.warden.core.testing.Policies.rule;
import static dev.warden.core.testing.Policies.set;
import static dev.warden.core.testing.Policies.shadow;
import static dev.warden.core.testing.Policies.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.testing.Policies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final PolicyEngine engine = new PolicyEngine();

  private Decision decide(PolicySet set, ProposedAction action) {
    return engine.decide(set, action, Situation.at(NOW));
  }

  @Test
  void noMatchingRuleIsPassive() {
    Decision decision = decide(set(List.of()), restart("prod-payments", "api", "U1"));
    assertThat(decision.level()).isEqualTo(Level.PASSIVE);
    assertThat(decision.rule()).isEmpty();
    assertThat(decision.reasons()).containsExactly("no rule matches: passive");
  }

  @Test
  void theMostRestrictiveMatchingRuleWinsWhateverTheOrder() {
    Rule autonomous = rule("all-restarts", Level.AUTONOMOUS, Match.actions("kubernetes.*"));
    Rule approve =
        approveFirst(
            "prod",
            new Match(
                List.of(Glob.of("kubernetes.rollout-*")),
                List.of(Glob.of("prod*")),
                List.of(),
                List.of(),
                List.of(),
                Map.of(),
                Optional.empty()),
            2,
            Duration.ofMinutes(30),
            "@sre");
    for (List<Rule> rules : List.of(List.of(autonomous, approve), List.of(approve, autonomous))) {
      Decision decision = decide(set(rules), restart("prod-payments", "api", "U1"));
      assertThat(decision.level()).isEqualTo(Level.APPROVE_FIRST);
      assertThat(decision.rule()).contains("prod");
      assertThat(decision.approvals()).map(ApprovalRequirement::min).contains(2);
      assertThat(decision.matches()).extracting(RuleMatch::rule).hasSize(2);
    }
    assertThat(decide(set(List.of(autonomous, approve)), restart("dev", "api", "U1")).level())
        .isEqualTo(Level.AUTONOMOUS);
  }

  @Test
  void amongApproveFirstRulesTheOneAskingMoreDecides() {
    Rule one = approveFirst("one", Match.any(), 1, Duration.ofMinutes(10), "@sre");
    Rule two = approveFirst("two", Match.any(), 2, Duration.ofHours(1), "@sre");
    Decision decision = decide(set(List.of(one, two)), restart("prod", "api", "U1"));
    assertThat(decision.rule()).contains("two");
    assertThat(decision.approvals().orElseThrow().min()).isEqualTo(2);
  }

  @Test
  void denyBeatsEverything() {
    Rule deny = rule("no", Level.DENY, Match.actions("kubernetes.rollout-restart"));
    Rule yes = rule("yes", Level.AUTONOMOUS, Match.any());
    assertThat(decide(set(List.of(yes, deny)), restart("dev", "api", "U1")).level())
        .isEqualTo(Level.DENY);
  }

  @Test
  void anUnknownKindIsPassiveEvenWhenARuleSaysAutonomous() {
    ProposedAction unknown =
        new ProposedAction(
            "kubernetes.explode",
            Target.none(),
            Map.of(),
            Map.of(),
            Requester.person("U1"),
            Optional.empty(),
            false);
    Decision decision = decide(set(List.of(rule("all", Level.AUTONOMOUS, Match.any()))), unknown);
    assertThat(decision.level()).isEqualTo(Level.PASSIVE);
    assertThat(decision.reasons()).anyMatch(reason -> reason.contains("unknown action kind"));
  }

  @Test
  void readingSecretsIsDeniedWhateverTheRulesSay() {
    ProposedAction secret =
        new ProposedAction(
            "kubernetes.get",
            Target.kubernetes("default", "prod", "Secret", "db-password"),
            Map.of(),
            Map.of(),
            Requester.model("gpt"),
            Optional.empty(),
            false);
    Decision decision = decide(set(List.of(rule("reads", Level.AUTONOMOUS, Match.any()))), secret);
    assertThat(decision.level()).isEqualTo(Level.DENY);
    assertThat(decision.reasons()).contains("reading credentials is denied");
  }

  @Test
  void aTaintedMutationIsNeverAutonomous() {
    ProposedAction tainted = tainted(restart("dev", "api", "U1"));
    PolicySet noDefaults = set(List.of(rule("all", Level.AUTONOMOUS, Match.any())));
    assertThat(decide(noDefaults, tainted).level()).isEqualTo(Level.PASSIVE);

    PolicySet withDefaults =
        new PolicySet(
            noDefaults.rules(),
            Map.of("sre", List.of("U9")),
            List.of(),
            Optional.of(Policies.approvals(1, Duration.ofMinutes(15), "@sre")),
            "v");
    Decision decision = decide(withDefaults, tainted);
    assertThat(decision.level()).isEqualTo(Level.APPROVE_FIRST);
    assertThat(decision.approvals().orElseThrow().ttl()).isEqualTo(Duration.ofMinutes(15));

    // a tainted read is still autonomous: the guard is about mutations
    assertThat(decide(noDefaults, tainted(getPods("dev"))).level()).isEqualTo(Level.AUTONOMOUS);
  }

  @Test
  void whatAModelProposesIsNeverAutonomousNotEvenAReadOrAMessage() {
    PolicySet noDefaults = set(List.of(rule("all", Level.AUTONOMOUS, Match.any())));
    ProposedAction read = getPods("dev").withTainted(false);
    ProposedAction byModel =
        new ProposedAction(
            read.kind(),
            read.target(),
            read.parameters(),
            read.blastRadius(),
            dev.warden.core.action.Requester.model("openai/gpt-4o-mini"),
            Optional.empty(),
            false);
    assertThat(decide(noDefaults, read).level()).isEqualTo(Level.AUTONOMOUS);
    Decision decision = decide(noDefaults, byModel);
    assertThat(decision.level()).isEqualTo(Level.PASSIVE);
    assertThat(decision.reasons())
        .contains(
            "proposed by a model: never autonomous, and no default approvers are defined: passive");
  }

  @Test
  void aChangeFreezeMakesEverythingPassiveExceptWhatItExempts() {
    Freeze yearEnd =
        new Freeze(
            "year-end",
            Instant.parse("2026-11-27T00:00:00Z"),
            Instant.parse("2026-11-28T00:00:00Z"),
            Optional.empty(),
            List.of(Glob.of("kubernetes.get")),
            Origin.inCode("freeze"));
    PolicySet frozen =
        new PolicySet(
            List.of(rule("all", Level.AUTONOMOUS, Match.any())),
            Map.of(),
            List.of(yearEnd),
            Optional.empty(),
            "v");
    Decision restart = decide(frozen, restart("dev", "api", "U1"));
    assertThat(restart.level()).isEqualTo(Level.PASSIVE);
    assertThat(restart.reasons()).anyMatch(reason -> reason.startsWith("change freeze year-end"));
    assertThat(decide(frozen, getPods("dev")).level()).isEqualTo(Level.AUTONOMOUS);
    assertThat(
            engine.decide(frozen, restart("dev", "api", "U1"), Situation.at(yearEnd.to())).level())
        .isEqualTo(Level.AUTONOMOUS);
  }

  @Test
  void theGlobalFreezeMakesEverythingPassiveButTheSwitchItself() {
    PolicySet all = set(List.of(rule("all", Level.AUTONOMOUS, Match.any())));
    Situation frozen = new Situation(NOW, Optional.of(new GlobalFreeze("incident 42", "U1", NOW)));
    assertThat(engine.decide(all, getPods("dev"), frozen).level()).isEqualTo(Level.PASSIVE);
    ProposedAction unfreeze =
        new ProposedAction(
            "warden.freeze",
            Target.none(),
            Map.of("on", false),
            Map.of(),
            Requester.person("U1"),
            Optional.empty(),
            false);
    assertThat(engine.decide(all, unfreeze, frozen).level()).isEqualTo(Level.AUTONOMOUS);
  }

  @Test
  void aConditionNarrowsARule() {
    Rule small =
        when(
            rule("small-restarts", Level.AUTONOMOUS, Match.actions("kubernetes.rollout-restart")),
            "action.blastRadius.pods <= 5 && action.requester.type == 'person'");
    assertThat(decide(set(List.of(small)), restart("dev", "api", "U1")).level())
        .as("six pods")
        .isEqualTo(Level.PASSIVE);
    Rule large = when(small, "action.blastRadius.pods > 5");
    Decision decision = decide(set(List.of(large)), restart("dev", "api", "U1"));
    assertThat(decision.level()).isEqualTo(Level.AUTONOMOUS);
    assertThat(decision.matches().get(0).why()).contains("when action.blastRadius.pods > 5");
  }

  @Test
  void aFailingConditionCountsAsAtLeastPassive() {
    Rule broken =
        when(rule("broken", Level.AUTONOMOUS, Match.any()), "action.blastRadius.replicas > 1");
    Decision decision = decide(set(List.of(broken)), restart("dev", "api", "U1"));
    assertThat(decision.level()).isEqualTo(Level.PASSIVE);
    assertThat(decision.matches().get(0).conditionError()).isPresent();
  }

  @Test
  void aShadowRuleRecordsWhatWouldHaveRunWithoutRunningIt() {
    Rule promote = shadow(rule("auto-restarts", Level.AUTONOMOUS, Match.actions("kubernetes.*")));
    Decision decision = decide(set(List.of(promote)), restart("dev", "api", "U1"));
    assertThat(decision.level()).isEqualTo(Level.PASSIVE);
    assertThat(decision.matches()).isEmpty();
    assertThat(decision.shadow()).map(RuleMatch::rule).contains("auto-restarts");

    // not when another rule would still stop it, nor when a guard would
    Rule approve = approveFirst("prod", Match.any(), 1, Duration.ofMinutes(5), "@sre");
    assertThat(decide(set(List.of(promote, approve)), restart("dev", "api", "U1")).shadow())
        .isEmpty();
    assertThat(decide(set(List.of(promote)), tainted(restart("dev", "api", "U1"))).shadow())
        .isEmpty();
  }

  @Test
  void matchesOnTargetsAndLabels() {
    Match match =
        new Match(
            List.of(),
            List.of(),
            List.of(Glob.of("eu-*")),
            List.of(),
            List.of(Glob.of("Deployment")),
            Map.of("team", Glob.of("pay*")),
            Optional.of(false));
    ProposedAction action =
        new ProposedAction(
            "kubernetes.scale",
            Target.kubernetes("eu-west", "prod", "Deployment", "api")
                .withLabels(Map.of("team", "payments")),
            Map.of("replicas", 3),
            Map.of("replicasDelta", 1L),
            Requester.person("U1"),
            Optional.empty(),
            false);
    assertThat(match.matches(action)).isTrue();
    assertThat(match.explain(action))
        .contains("cluster eu-west matches 'eu-*'", "label team=payments matches 'pay*'");
    assertThat(
            match.matches(
                action.withTarget(Target.kubernetes("us-east", "prod", "Deployment", "api"))))
        .isFalse();
    assertThat(match.matches(getPods("prod"))).as("read-only").isFalse();
  }

  private static ProposedAction tainted(ProposedAction action) {
    return action.withTainted(true);
  }
}
