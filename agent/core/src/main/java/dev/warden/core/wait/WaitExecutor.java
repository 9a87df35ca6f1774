package dev.warden.core.wait;

import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Runs {@code wait.until} actions: checks the condition once. When it is not met yet, the result is
 * a failure with the output {@value #WAITING} = {@code true}; the runbook engine then checks again
 * through {@link Waits} on a durable timer until the step's deadline, without a new decision (the
 * one decision covers the whole wait, and checks only read).
 */
public final class WaitExecutor implements ActionExecutor {
  /** The output that says the condition is not met yet. */
  public static final String WAITING = "waiting";

  private final Waits waits;

  public WaitExecutor(Waits waits) {
    this.waits = Objects.requireNonNull(waits, "waits");
  }

  @Override
  public Set<String> kinds() {
    return Set.of("wait.until");
  }

  @Override
  public ExecutionResult execute(Permit permit) {
    return result(waits.check(permit.action().parameters()));
  }

  /** The result of a check, as the gate records it. */
  public static ExecutionResult result(ProbeResult check) {
    if (check instanceof ProbeResult.Met met) {
      return ExecutionResult.succeeded(met.summary(), met.outputs());
    } else if (check instanceof ProbeResult.NotYet) {
      return new ExecutionResult(false, check.summary(), Map.of(WAITING, "true"));
    }
    return ExecutionResult.failed(check.summary());
  }
}
