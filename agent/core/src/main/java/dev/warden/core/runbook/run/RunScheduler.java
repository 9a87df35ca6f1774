package dev.warden.core.runbook.run;

import java.time.Instant;

/**
 * Durable timers that call {@link RunbookEngine#advance} for a run: now (the next step), at a
 * step's deadline, or when a wait checks its condition again. The application's scheduler is Quartz
 * with the JDBC job store, so a timer survives a restart. Scheduling a run again replaces its
 * timer; at most one advance of a run runs at a time.
 */
public interface RunScheduler {
  /** Advances the run at {@code at} (at once when it is past). */
  void schedule(String runId, Instant at);
}
