package dev.warden.core.testing;

import dev.warden.core.runbook.run.RunScheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link RunScheduler} that keeps one timer per run (scheduling again replaces it, like the
 * Quartz one) and fires the due ones when the test says so, on the test's thread.
 */
public final class ManualRunScheduler implements RunScheduler {
  private final Map<String, Instant> timers = new HashMap<>();
  private final Clock clock;

  public ManualRunScheduler(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void schedule(String runId, Instant at) {
    timers.put(runId, at);
  }

  /** When the run's timer is set for, if it is set. */
  public synchronized Optional<Instant> timer(String runId) {
    return Optional.ofNullable(timers.get(runId));
  }

  /**
   * Fires the timers that are due by the clock, again and again until none is, and returns how many
   * fired.
   */
  public int runDue(Consumer<String> advance) {
    int fired = 0;
    for (; ; ) {
      String due = null;
      synchronized (this) {
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> timer : timers.entrySet()) {
          if (!timer.getValue().isAfter(now)) {
            due = timer.getKey();
            break;
          }
        }
        if (due != null) {
          timers.remove(due);
        }
      }
      if (due == null) {
        return fired;
      }
      advance.accept(due);
      if (++fired > 10_000) {
        throw new IllegalStateException("timers keep firing");
      }
    }
  }
}
