package dev.warden.core.wait;

import java.util.Map;
import java.util.Set;

/**
 * Checks conditions a {@code wait.until} step waits for ({@code deployment-ready}, {@code
 * pods-ready}). A check only reads; the wait calls it again until it is met or the step's time is
 * up.
 */
public interface Probe {
  /** The condition names this probe checks. */
  Set<String> conditions();

  /**
   * Checks the condition once.
   *
   * @param parameters the step's parameters ({@code condition}, {@code namespace}, {@code name},
   *     {@code cluster}, ...)
   */
  ProbeResult check(String condition, Map<String, Object> parameters);
}
