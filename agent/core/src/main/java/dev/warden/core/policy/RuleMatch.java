package dev.warden.core.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A rule that matched an action, with why.
 *
 * @param rule the rule's name
 * @param level the level it contributes: its own, or at least passive when its condition failed
 * @param why the criteria that held, and the condition when there is one
 * @param conditionError why the condition could not be evaluated, if it could not
 * @param origin where the rule is defined
 */
public record RuleMatch(
    String rule, Level level, String why, Optional<String> conditionError, Origin origin) {
  public RuleMatch {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(why, "why");
    Objects.requireNonNull(conditionError, "conditionError");
    Objects.requireNonNull(origin, "origin");
  }
}
