package dev.warden.core.policy;

import dev.warden.core.action.ProposedAction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy engine decided for one action, and why.
 *
 * @param action the action decided on
 * @param actionHash its canonical hash; approvals and executions bind to it
 * @param level the level that holds
 * @param rule the deciding rule: the most restrictive matching one (empty when none matched)
 * @param matches every matching rule, in policy order, with why
 * @param approvals for approve-first: who approves, how many, for how long
 * @param reasons the built-in guards and defaults that shaped the level, in the order applied
 * @param shadow the shadow rule under which the action would have run autonomously, if any
 * @param decidedAt when
 * @param policyVersion the digest of the policy set that decided
 */
public record Decision(
    ProposedAction action,
    String actionHash,
    Level level,
    Optional<String> rule,
    List<RuleMatch> matches,
    Optional<ApprovalRequirement> approvals,
    List<String> reasons,
    Optional<RuleMatch> shadow,
    Instant decidedAt,
    String policyVersion) {
  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actionHash, "actionHash");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(rule, "rule");
    matches = List.copyOf(matches);
    Objects.requireNonNull(approvals, "approvals");
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(shadow, "shadow");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(policyVersion, "policyVersion");
    if ((level == Level.APPROVE_FIRST) != approvals.isPresent()) {
      throw new IllegalArgumentException(
          "approvals are present exactly when the level is approve-first, not " + level);
    }
  }
}
