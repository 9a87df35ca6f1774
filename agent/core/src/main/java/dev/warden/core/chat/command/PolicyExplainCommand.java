package dev.warden.core.chat.command;

import dev.warden.core.action.ActionKind;
import dev.warden.core.action.ActionKinds;
import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.PolicyEngine;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.RuleMatch;
import dev.warden.core.policy.Situation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code policy explain <action kind> [namespace]}: the decision the policies would give now (the
 * freeze switch included) for an action of that kind in that namespace, asked by the person who
 * typed the command, with no parameters and nothing derived from untrusted content. Rules that look
 * at other parts of an action (a target's labels, parameters in a condition) may decide a real
 * action differently; the answer says which rules matched and why.
 */
final class PolicyExplainCommand {
  private final PolicyEngine engine = new PolicyEngine();
  private final Supplier<PolicySet> policies;
  private final FreezeSwitch freezeSwitch;
  private final Clock clock;
  private final Markup markup;

  PolicyExplainCommand(
      Supplier<PolicySet> policies, FreezeSwitch freezeSwitch, Clock clock, Markup markup) {
    this.policies = policies;
    this.freezeSwitch = freezeSwitch;
    this.clock = clock;
    this.markup = markup;
  }

  Answer run(Invocation invocation) {
    List<String> args = invocation.args();
    if (args.isEmpty() || !args.get(0).equalsIgnoreCase("explain")) {
      return invocation.usage(Syntax.POLICY_EXPLAIN, "`policy` has one subcommand: `explain`.");
    }
    if (args.size() < 2 || args.size() > 3) {
      return invocation.usage(
          Syntax.POLICY_EXPLAIN,
          "`policy explain` takes an action kind and, optionally, a namespace.");
    }
    String kind = args.get(1);
    if (ActionKinds.find(kind).isEmpty()) {
      return invocation.usage(
          Syntax.POLICY_EXPLAIN,
          markup.code(kind)
              + " is not an action kind Warden knows. The kinds: "
              + ActionKinds.all().stream()
                  .map(ActionKind::name)
                  .map(name -> "`" + name + "`")
                  .collect(Collectors.joining(", "))
              + ".");
    }
    Optional<String> namespace = args.size() == 3 ? Optional.of(args.get(2)) : Optional.empty();
    if (namespace.isPresent() && !Arguments.namespace(namespace.get())) {
      return invocation.usage(
          Syntax.POLICY_EXPLAIN, markup.code(namespace.get()) + " is not a Kubernetes namespace.");
    }
    ProposedAction action =
        new ProposedAction(
            kind,
            new Target(
                Optional.empty(),
                namespace,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of()),
            Map.of(),
            Map.of(),
            Requester.person(invocation.userId()),
            Optional.empty(),
            false);
    Decision decision =
        engine.decide(
            policies.get(), action, new Situation(clock.instant(), freezeSwitch.current()));
    return Answer.now(explain(kind, namespace, decision));
  }

  private String explain(String kind, Optional<String> namespace, Decision decision) {
    StringBuilder text =
        new StringBuilder("`")
            .append(kind)
            .append('`')
            .append(namespace.map(ns -> " in namespace `" + ns + "`").orElse(""))
            .append(", asked by you: ")
            .append(markup.decided(decision));
    decision
        .approvals()
        .ifPresent(approvals -> text.append("\nApprovals: ").append(markup.approvals(approvals)));
    if (decision.matches().isEmpty()) {
      text.append("\nNo rule matches: an action no rule matches is passive.");
    }
    for (RuleMatch match : decision.matches()) {
      text.append("\n• ")
          .append(markup.code(match.rule()))
          .append(' ')
          .append(match.level().wireName())
          .append(" – ")
          .append(markup.text(match.why()));
    }
    decision.reasons().forEach(reason -> text.append("\nWhy: ").append(markup.text(reason)));
    return text.toString();
  }
}
