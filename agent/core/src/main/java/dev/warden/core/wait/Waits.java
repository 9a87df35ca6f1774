package dev.warden.core.wait;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** The probes by condition name: checks the condition a {@code wait.until} step names. */
public final class Waits {
  private final Map<String, Probe> byCondition = new HashMap<>();

  public Waits(Collection<? extends Probe> probes) {
    for (Probe probe : probes) {
      for (String condition : probe.conditions()) {
        Probe previous = byCondition.putIfAbsent(condition, probe);
        if (previous != null) {
          throw new IllegalArgumentException("two probes for condition " + condition);
        }
      }
    }
  }

  /** Checks the condition named by parameter {@code condition} once. */
  public ProbeResult check(Map<String, Object> parameters) {
    Object condition = parameters.get("condition");
    if (!(condition instanceof String name) || name.isBlank()) {
      return new ProbeResult.Failed("wait.until needs a condition");
    }
    Probe probe = byCondition.get(name);
    if (probe == null) {
      return new ProbeResult.Failed(
          "no probe for condition '"
              + name
              + "' is configured"
              + (byCondition.isEmpty()
                  ? ""
                  : " (known: " + new TreeSet<>(byCondition.keySet()) + ")"));
    }
    try {
      return probe.check(name, parameters);
    } catch (RuntimeException e) {
      // a failed look is not a failed condition: the wait checks again until its time is up
      return new ProbeResult.NotYet("the check failed: " + e.getMessage());
    }
  }
}
