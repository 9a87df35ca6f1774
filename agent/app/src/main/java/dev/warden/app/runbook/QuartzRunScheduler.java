package dev.warden.app.runbook;

import dev.warden.app.timers.DurableTimers;
import dev.warden.core.runbook.run.RunScheduler;
import java.time.Instant;
import java.util.Optional;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The timers of runbook runs as {@link DurableTimers}: one {@link RunAdvanceJob} per run, keyed by
 * the run id in the group {@value #GROUP}, with one trigger at the instant the run is to be
 * advanced, in the database. Scheduling a run again replaces its timer, also while its job runs
 * (the job reschedules itself to check a wait again); the job disallows concurrent execution, so at
 * most one advance of a run runs at a time across every replica, and a trigger set while it runs
 * fires after it. An advance cut off by a crash is run again, which the engine's crash safety makes
 * harmless.
 */
public class QuartzRunScheduler implements RunScheduler {
  /** The Quartz group of the run jobs and their triggers. */
  public static final String GROUP = "runbook-run";

  private static final Logger log = LoggerFactory.getLogger(QuartzRunScheduler.class);

  private final DurableTimers timers;

  public QuartzRunScheduler(Scheduler scheduler, PlatformTransactionManager transactionManager) {
    this.timers =
        new DurableTimers(
            scheduler, transactionManager, GROUP, RunAdvanceJob.class, "advances runbook run");
  }

  @Override
  public void schedule(String runId, Instant at) {
    timers.set(runId, at);
    log.debug("runbook run scheduled id={} at={}", runId, at);
  }

  /** When the run's timer is set to fire, if it is set. */
  public Optional<Instant> nextFireTime(String runId) {
    return timers.nextFireTime(runId);
  }

  /** Whether a timer for the run is still to fire (or its advance is running). */
  public boolean isScheduled(String runId) {
    return timers.exists(runId);
  }
}
