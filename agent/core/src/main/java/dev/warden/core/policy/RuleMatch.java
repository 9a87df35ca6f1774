package dev.warden.core.policy;

import dev.warden.core.action.ProposedAction;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule that matched an action, with why. The explanation is written on first request: most
 * decisions are never explained, and writing one per matching rule dominated the cost of deciding
 * against large policy sets.
 */
public final class RuleMatch {
  private final Rule rule;
  private final ProposedAction action;
  private final Level level;
  private final Optional<String> conditionError;
  private volatile String why;

  RuleMatch(Rule rule, ProposedAction action, Level level, Optional<String> conditionError) {
    this.rule = Objects.requireNonNull(rule, "rule");
    this.action = Objects.requireNonNull(action, "action");
    this.level = Objects.requireNonNull(level, "level");
    this.conditionError = Objects.requireNonNull(conditionError, "conditionError");
  }

  /** The rule's name. */
  public String rule() {
    return rule.name();
  }

  /** The level it contributes: its own, or at least passive when its condition failed. */
  public Level level() {
    return level;
  }

  /** The criteria that held, and the condition when there is one. */
  public String why() {
    String explained = why;
    if (explained == null) {
      explained = rule.match().explain(action);
      if (rule.when().isPresent()) {
        explained +=
            conditionError.isPresent()
                ? "; when failed, counted as at least passive"
                : "; when " + rule.when().get().expression();
      }
      why = explained;
    }
    return explained;
  }

  /** Why the condition could not be evaluated, if it could not. */
  public Optional<String> conditionError() {
    return conditionError;
  }

  /** Where the rule is defined. */
  public Origin origin() {
    return rule.origin();
  }

  @Override
  public String toString() {
    return "RuleMatch[" + rule.name() + " " + level.wireName() + "]";
  }
}
