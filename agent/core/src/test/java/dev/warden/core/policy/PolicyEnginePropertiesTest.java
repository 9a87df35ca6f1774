package dev.warden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the engine over generated policies and actions: the rules cannot be outvoted by a
 * less restrictive decision, more rules never loosen a decision, and the taint guard always holds.
 */
class PolicyEnginePropertiesTest {
  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final List<String> KINDS =
      List.of(
          "kubernetes.get",
          "kubernetes.rollout-restart",
          "kubernetes.scale",
          "kubernetes.delete-pod",
          "slack.post",
          "warden.freeze",
          "kubernetes.explode");
  static final List<String> CONDITIONS =
      List.of(
          "action.blastRadius.pods <= 5",
          "action.requester.type == 'person'",
          "action.blastRadius.missing > 1",
          "now.getHours('UTC') < 12",
          "action.tainted");

  private final PolicyEngine engine = new PolicyEngine();

  @Property(tries = 500)
  void theDecisionIsNeverLessRestrictiveThanAnyMatchingRule(
      @ForAll("policies") PolicySet policies, @ForAll("actions") ProposedAction action) {
    Decision decision = engine.decide(policies, action, Situation.at(NOW));
    Map<String, Object> variables = PolicyEngine.variables(action, Situation.at(NOW));
    for (Rule rule : policies.rules()) {
      if (rule.shadow() || !rule.match().matches(action)) {
        continue;
      }
      Level floor = rule.level();
      if (rule.when().isPresent()) {
        try {
          if (!rule.when().get().test(variables)) {
            continue;
          }
        } catch (ConditionFailedException e) {
          floor = floor.atLeast(Level.PASSIVE);
        }
      }
      assertThat(decision.level().compareTo(floor))
          .as("rule %s says %s, decision %s", rule.name(), floor, decision.level())
          .isGreaterThanOrEqualTo(0);
    }
  }

  @Property(tries = 500)
  void addingARuleNeverLoosensADecision(
      @ForAll("policies") PolicySet policies,
      @ForAll("rule") Rule extra,
      @ForAll("actions") ProposedAction action,
      @ForAll int position) {
    Decision before = engine.decide(policies, action, Situation.at(NOW));
    // with no matching rule the decision is the passive default, which a first rule replaces
    Assume.that(!before.matches().isEmpty());
    List<Rule> rules = new ArrayList<>(policies.rules());
    rules.add(Math.floorMod(position, rules.size() + 1), rename(extra, "extra"));
    PolicySet more =
        new PolicySet(
            rules, policies.groups(), policies.freezes(), policies.defaultApprovals(), "more");
    Decision after = engine.decide(more, action, Situation.at(NOW));
    assertThat(after.level().compareTo(before.level())).isGreaterThanOrEqualTo(0);
  }

  @Property(tries = 500)
  void aTaintedMutationIsNeverAutonomous(
      @ForAll("policies") PolicySet policies, @ForAll("actions") ProposedAction action) {
    ProposedAction tainted = action.withTainted(true);
    Assume.that(tainted.mutating());
    assertThat(engine.decide(policies, tainted, Situation.at(NOW)).level())
        .isNotEqualTo(Level.AUTONOMOUS);
  }

  @Property(tries = 300)
  void aGlobalFreezeLeavesNothingButTheSwitchAutonomous(
      @ForAll("policies") PolicySet policies, @ForAll("actions") ProposedAction action) {
    Assume.that(!action.kind().equals("warden.freeze"));
    Situation frozen =
        new Situation(NOW, Optional.of(new GlobalFreeze("test", "U1", NOW.minusSeconds(60))));
    Level level = engine.decide(policies, action, frozen).level();
    assertThat(level).isIn(Level.PASSIVE, Level.DENY);
  }

  @Provide
  Arbitrary<PolicySet> policies() {
    return rule()
        .list()
        .ofMaxSize(12)
        .map(
            rules -> {
              List<Rule> named = new ArrayList<>();
              for (int i = 0; i < rules.size(); i++) {
                named.add(rename(rules.get(i), "rule-" + i));
              }
              return new PolicySet(
                  named,
                  Map.of("sre", List.of("U1", "U2", "U3")),
                  List.of(),
                  Optional.of(new ApprovalRequirement(List.of("@sre"), 1, Duration.ofMinutes(10))),
                  "generated");
            });
  }

  @Provide
  Arbitrary<Rule> rule() {
    Arbitrary<Match> match =
        Combinators.combine(
                Arbitraries.of("kubernetes.*", "kubernetes.get", "*", "slack.post", "*.delete*")
                    .list()
                    .ofMaxSize(2),
                Arbitraries.of("prod*", "dev", "*").list().ofMaxSize(2),
                Arbitraries.of(Optional.<Boolean>empty(), Optional.of(true), Optional.of(false)))
            .as(
                (actions, namespaces, readOnly) ->
                    new Match(
                        actions.stream().map(Glob::of).toList(),
                        namespaces.stream().map(Glob::of).toList(),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        readOnly));
    Arbitrary<Optional<Condition>> when =
        Arbitraries.of(CONDITIONS).map(Condition::compile).optional(0.4).map(optional -> optional);
    Arbitrary<ApprovalRequirement> approvals =
        Combinators.combine(
                Arbitraries.of("U1", "U2", "U3", "U4", "@sre").set().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(1, 3))
            .as(
                (approvers, min) ->
                    new ApprovalRequirement(List.copyOf(approvers), min, Duration.ofMinutes(30)));
    return Combinators.combine(
            match,
            when,
            Arbitraries.of(Level.class),
            approvals,
            Arbitraries.integers().between(0, 9))
        .as(
            (m, w, level, a, shadowDie) ->
                new Rule(
                    "r",
                    Optional.empty(),
                    m,
                    w,
                    level,
                    level == Level.APPROVE_FIRST ? Optional.of(a) : Optional.empty(),
                    level == Level.AUTONOMOUS && shadowDie == 0,
                    Origin.inCode("generated")));
  }

  @Provide
  Arbitrary<ProposedAction> actions() {
    return Combinators.combine(
            Arbitraries.of(KINDS),
            Arbitraries.of("prod", "prod-payments", "dev", "staging"),
            Arbitraries.of("Deployment", "Pod", "Secret"),
            Arbitraries.longs().between(0, 10),
            Arbitraries.of(Requester.person("U1"), Requester.person("U4"), Requester.model("m")),
            Arbitraries.of(true, false))
        .as(
            (kind, namespace, targetKind, pods, requester, tainted) ->
                new ProposedAction(
                    kind,
                    Target.kubernetes("default", namespace, targetKind, "api"),
                    Map.of(),
                    Map.of("pods", pods),
                    requester,
                    Optional.empty(),
                    tainted));
  }

  static Rule rename(Rule rule, String name) {
    return new Rule(
        name,
        rule.description(),
        rule.match(),
        rule.when(),
        rule.level(),
        rule.approvals(),
        rule.shadow(),
        rule.origin());
  }
}
