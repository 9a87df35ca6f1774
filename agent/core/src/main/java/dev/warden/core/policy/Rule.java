package dev.warden.core.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One policy rule: when it applies and what level it sets.
 *
 * @param name unique across all policy files; decisions and approvals name it
 * @param description why the rule exists, for people
 * @param match which actions it is about
 * @param when an optional CEL condition that must also hold
 * @param level the level it sets
 * @param approvals who approves, for {@code approve-first} (required then, absent otherwise)
 * @param shadow record what would have run autonomously under this rule without running it; the
 *     rule takes no part in real decisions
 * @param origin where it was defined
 */
public record Rule(
    String name,
    Optional<String> description,
    Match match,
    Optional<Condition> when,
    Level level,
    Optional<ApprovalRequirement> approvals,
    boolean shadow,
    Origin origin) {
  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(origin, "origin");
    if (level == Level.APPROVE_FIRST && approvals.isEmpty()) {
      throw new IllegalArgumentException(
          "rule " + name + " is approve-first and names no approvers");
    }
    if (level != Level.APPROVE_FIRST && approvals.isPresent()) {
      throw new IllegalArgumentException(
          "rule " + name + " is " + level.wireName() + "; approvals apply to approve-first only");
    }
  }
}
