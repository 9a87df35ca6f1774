package dev.warden.core.policy;

/**
 * A {@code when} expression failed while evaluating (a missing key, a type error). The engine
 * treats the rule as matching at no less than passive: a failing condition never makes a decision
 * less restrictive.
 */
public class ConditionFailedException extends RuntimeException {
  private final String expression;

  public ConditionFailedException(String expression, String message) {
    super("condition '" + expression + "' failed: " + message);
    this.expression = expression;
  }

  public String expression() {
    return expression;
  }
}
