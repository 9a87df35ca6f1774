package dev.warden.core.testing;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.policy.Condition;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.Match;
import dev.warden.core.policy.Origin;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.Rule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds policies and actions in code, for tests that are not about the YAML format. */
public final class Policies {
  private Policies() {}

  public static Rule rule(String name, Level level, Match match) {
    return new Rule(
        name,
        Optional.empty(),
        match,
        Optional.empty(),
        level,
        level == Level.APPROVE_FIRST
            ? Optional.of(approvals(1, Duration.ofMinutes(30), "@sre"))
            : Optional.empty(),
        false,
        Origin.inCode(name));
  }

  public static Rule approveFirst(
      String name, Match match, int min, Duration ttl, String... approvers) {
    return new Rule(
        name,
        Optional.empty(),
        match,
        Optional.empty(),
        Level.APPROVE_FIRST,
        Optional.of(approvals(min, ttl, approvers)),
        false,
        Origin.inCode(name));
  }

  public static Rule when(Rule rule, String condition) {
    return new Rule(
        rule.name(),
        rule.description(),
        rule.match(),
        Optional.of(Condition.compile(condition)),
        rule.level(),
        rule.approvals(),
        rule.shadow(),
        rule.origin());
  }

  public static Rule shadow(Rule rule) {
    return new Rule(
        rule.name(),
        rule.description(),
        rule.match(),
        rule.when(),
        rule.level(),
        rule.approvals(),
        true,
        rule.origin());
  }

  public static ApprovalRequirement approvals(int min, Duration ttl, String... approvers) {
    return new ApprovalRequirement(List.of(approvers), min, ttl);
  }

  /** The rules, with group {@code sre} = the given members and no default approvals. */
  public static PolicySet set(List<Rule> rules, String... sreMembers) {
    return new PolicySet(
        rules, Map.of("sre", List.of(sreMembers)), List.of(), Optional.empty(), "test");
  }

  /** A person's restart of {@code name} in {@code namespace}, six pods. */
  public static ProposedAction restart(String namespace, String name, String requester) {
    return new ProposedAction(
        "kubernetes.rollout-restart",
        Target.kubernetes("default", namespace, "Deployment", name),
        Map.of(),
        Map.of("pods", 6L),
        Requester.person(requester),
        Optional.empty(),
        false);
  }

  /** A runbook's read of pods in {@code namespace}. */
  public static ProposedAction getPods(String namespace) {
    return new ProposedAction(
        "kubernetes.get",
        Target.kubernetes("default", namespace, "Pod", "api-0"),
        Map.of(),
        Map.of(),
        Requester.runbook("crashloop"),
        Optional.empty(),
        false);
  }
}
