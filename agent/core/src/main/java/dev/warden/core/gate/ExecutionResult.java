package dev.warden.core.gate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What running an action did.
 *
 * @param succeeded whether it did what it was asked
 * @param summary one line for people and the audit log (never a secret)
 * @param outputs named values later runbook steps may use ({@code deployment}, {@code
 *     current_revision}); empty when the action has none
 */
public record ExecutionResult(boolean succeeded, String summary, Map<String, String> outputs) {
  public ExecutionResult {
    Objects.requireNonNull(summary, "summary");
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  public ExecutionResult(boolean succeeded, String summary) {
    this(succeeded, summary, Map.of());
  }

  public static ExecutionResult succeeded(String summary) {
    return new ExecutionResult(true, summary);
  }

  public static ExecutionResult succeeded(String summary, Map<String, String> outputs) {
    return new ExecutionResult(true, summary, outputs);
  }

  public static ExecutionResult failed(String summary) {
    return new ExecutionResult(false, summary);
  }
}
