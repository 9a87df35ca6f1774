package dev.warden.app.runbook;

import dev.warden.core.runbook.run.RunScheduler;
import dev.warden.core.runbook.run.RunbookEngine;
import java.time.Duration;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer of one runbook run (the job's name is the run id): advances the run as far as it can go
 * now. Quartz creates it through Spring, which passes the beans to the constructor.
 *
 * <p>Concurrent execution is disallowed: Quartz runs at most one job of a key at a time, across
 * every replica, so one run is never advanced by two threads. If advancing fails (the database is
 * away, a runbook changed under a run), the failure is logged and the run is advanced again {@link
 * #RETRY} after the timer fired, until it goes through or someone cancels the run.
 */
@DisallowConcurrentExecution
class RunAdvanceJob implements Job {
  /** How long after a failed advance the run is tried again. */
  static final Duration RETRY = Duration.ofSeconds(30);

  private static final Logger log = LoggerFactory.getLogger(RunAdvanceJob.class);

  private final RunbookEngine engine;
  private final RunScheduler scheduler;

  RunAdvanceJob(RunbookEngine engine, RunScheduler scheduler) {
    this.engine = engine;
    this.scheduler = scheduler;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String runId = context.getJobDetail().getKey().getName();
    try {
      engine.advance(runId);
    } catch (RuntimeException e) {
      Instant again = context.getFireTime().toInstant().plus(RETRY);
      log.warn("runbook run advance failed id={} error={} again={}", runId, e.toString(), again);
      try {
        scheduler.schedule(runId, again);
      } catch (RuntimeException rescheduling) {
        e.addSuppressed(rescheduling);
        throw new JobExecutionException(e);
      }
    }
  }
}
