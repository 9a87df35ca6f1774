package dev.warden.core.gate;

import java.util.Set;

/**
 * Runs actions of some kinds against a real system (Kubernetes, GitHub, Slack). Adapters implement
 * it; the gate is its only caller.
 */
public interface ActionExecutor {
  /** The action kinds this executor runs. */
  Set<String> kinds();

  /**
   * Runs the permitted action. Expected failures (the deployment does not exist, the API said no)
   * are a {@link ExecutionResult#failed} value; an exception is a fault, which the gate records as
   * a failure too.
   */
  ExecutionResult execute(Permit permit);
}
