package dev.warden.bench;

import dev.warden.core.action.ActionJson;
import dev.warden.core.action.ActionKind;
import dev.warden.core.action.ActionKinds;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.policy.Condition;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.Glob;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.Match;
import dev.warden.core.policy.Origin;
import dev.warden.core.policy.PolicyEngine;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.Rule;
import dev.warden.core.policy.Situation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to decide one action against 10, 100 and 1,000 rules, as sampled latency (p50, p99 in
 * the output). The rules are generated from a fixed seed to look like a large organisation's
 * policies: kind globs, namespace globs per team, target labels, and a CEL condition on a third of
 * them; about one rule in twenty matches the action. The baseline, measured in the same run, is the
 * canonical hash of the action alone, which every decision computes.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PolicyEngineBenchmark {
  private static final List<String> CONDITIONS =
      List.of(
          "action.blastRadius.pods <= 10",
          "action.requester.type == 'person'",
          "now.getHours('Europe/Berlin') >= 8 && now.getHours('Europe/Berlin') < 18",
          "!action.tainted && action.target.namespace.startsWith('prod')");

  @Param({"10", "100", "1000"})
  int rules;

  private final PolicyEngine engine = new PolicyEngine();
  private PolicySet policies;
  private ProposedAction action;
  private Situation situation;

  @Setup
  public void setUp() {
    policies = generate(rules, new Random(42));
    action =
        new ProposedAction(
            "kubernetes.rollout-restart",
            Target.kubernetes("eu-west", "prod-team-7-payments", "Deployment", "api")
                .withLabels(Map.of("team", "team-7", "tier", "backend")),
            Map.of("reason", "crash loop"),
            Map.of("pods", 6L),
            Requester.person("U024BE7LH"),
            Optional.of("evt-1"),
            false);
    situation = Situation.at(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Benchmark
  public Decision decide() {
    return engine.decide(policies, action, situation);
  }

  @Benchmark
  public String baselineActionHash() {
    return ActionJson.hash(action);
  }

  static PolicySet generate(int count, Random random) {
    List<ActionKind> kinds = List.copyOf(ActionKinds.all());
    List<Rule> generated = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int team = random.nextInt(40);
      List<Glob> actions =
          switch (random.nextInt(4)) {
            case 0 -> List.of(Glob.of("kubernetes.*"));
            case 1 -> List.of(Glob.of(kinds.get(random.nextInt(kinds.size())).name()));
            case 2 ->
                List.of(
                    Glob.of(kinds.get(random.nextInt(kinds.size())).name()),
                    Glob.of(kinds.get(random.nextInt(kinds.size())).name()));
            default -> List.of();
          };
      List<Glob> namespaces =
          random.nextInt(5) == 0
              ? List.of(Glob.of("prod*"))
              : List.of(Glob.of("*-team-" + team + "-*"), Glob.of("team-" + team + "-*"));
      Map<String, Glob> labels =
          random.nextInt(3) == 0 ? Map.of("team", Glob.of("team-" + team)) : Map.of();
      Level level = Level.values()[random.nextInt(Level.values().length)];
      Optional<Condition> when =
          random.nextInt(3) == 0
              ? Optional.of(Condition.compile(CONDITIONS.get(random.nextInt(CONDITIONS.size()))))
              : Optional.empty();
      generated.add(
          new Rule(
              "rule-" + i,
              Optional.empty(),
              new Match(
                  actions, namespaces, List.of(), List.of(), List.of(), labels, Optional.empty()),
              when,
              level,
              level == Level.APPROVE_FIRST
                  ? Optional.of(
                      new ApprovalRequirement(
                          List.of("@sre"), 1 + random.nextInt(2), Duration.ofMinutes(30)))
                  : Optional.empty(),
              false,
              Origin.inCode("benchmark")));
    }
    return new PolicySet(
        generated, Map.of("sre", List.of("U1", "U2")), List.of(), Optional.empty(), "benchmark");
  }
}
