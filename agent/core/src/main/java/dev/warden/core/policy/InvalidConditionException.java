package dev.warden.core.policy;

import java.util.List;

/** A {@code when} expression does not compile; each issue has its place in the expression. */
public class InvalidConditionException extends RuntimeException {
  /**
   * One compile issue.
   *
   * @param line 1-based line within the expression
   * @param column 0-based column within that line
   * @param message what is wrong
   */
  public record Issue(int line, int column, String message) {}

  private final transient List<Issue> issues;

  public InvalidConditionException(String expression, List<Issue> issues) {
    super(
        "invalid condition '"
            + expression
            + "': "
            + String.join("; ", issues.stream().map(Issue::message).toList()));
    this.issues = List.copyOf(issues);
  }

  public List<Issue> issues() {
    return issues;
  }
}
