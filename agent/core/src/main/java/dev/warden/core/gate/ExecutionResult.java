package dev.warden.core.gate;

import java.util.Objects;

/**
 * What running an action did.
 *
 * @param succeeded whether it did what it was asked
 * @param summary one line for people and the audit log (never a secret)
 */
public record ExecutionResult(boolean succeeded, String summary) {
  public ExecutionResult {
    Objects.requireNonNull(summary, "summary");
  }

  public static ExecutionResult succeeded(String summary) {
    return new ExecutionResult(true, summary);
  }

  public static ExecutionResult failed(String summary) {
    return new ExecutionResult(false, summary);
  }
}
