package dev.warden.app.runbook;

import dev.warden.app.timers.QuartzTimes;
import dev.warden.core.runbook.run.RunScheduler;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The timers of runbook runs as Quartz jobs in the database (the JDBC job store, clustered): one
 * {@link RunAdvanceJob} per run, keyed by the run id in the group {@value #GROUP}, with one trigger
 * at the instant the run is to be advanced. Scheduling a run again replaces its timer, also while
 * its job runs (the job reschedules itself to check a wait again); the job disallows concurrent
 * execution, so at most one advance of a run runs at a time across every replica, and a trigger set
 * while it runs fires after it. A timer survives restarts and fires on one replica; one missed
 * while no replica ran fires as soon as one does (misfire: fire now); an advance cut off by a crash
 * is run again ({@code requestRecovery}), which the engine's crash safety makes harmless.
 *
 * <p>The job is not durable: Quartz deletes it with its one trigger once it has fired and not been
 * set again, so the job tables hold only timers still to come.
 *
 * <p>Quartz's row locks hold only inside a Spring-managed transaction: every call into the
 * scheduler runs in one, with the transaction manager that Quartz was configured with.
 */
public class QuartzRunScheduler implements RunScheduler {
  /** The Quartz group of the run jobs and their triggers. */
  public static final String GROUP = "runbook-run";

  private static final Logger log = LoggerFactory.getLogger(QuartzRunScheduler.class);

  private final Scheduler scheduler;
  private final TransactionTemplate transactions;

  public QuartzRunScheduler(Scheduler scheduler, PlatformTransactionManager transactionManager) {
    this.scheduler = scheduler;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @Override
  public void schedule(String runId, Instant at) {
    JobDetail job =
        JobBuilder.newJob(RunAdvanceJob.class)
            .withIdentity(runId, GROUP)
            .withDescription("advances runbook run " + runId)
            .requestRecovery(true)
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(runId, GROUP)
            .forJob(job)
            .startAt(Date.from(QuartzTimes.fireTime(at)))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    transactions.executeWithoutResult(
        status -> {
          try {
            scheduler.scheduleJob(job, Set.of(trigger), true);
          } catch (SchedulerException e) {
            throw new RunSchedulingException(runId, at, e);
          }
        });
    log.debug("runbook run scheduled id={} at={}", runId, at);
  }

  /** When the run's timer is set to fire, if it is set. */
  public Optional<Instant> nextFireTime(String runId) {
    return transactions.execute(
        status -> {
          try {
            Trigger trigger = scheduler.getTrigger(new TriggerKey(runId, GROUP));
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
          } catch (SchedulerException e) {
            throw new RunSchedulingException(runId, null, e);
          }
        });
  }

  /** Whether a timer for the run is still to fire (or its advance is running). */
  public boolean isScheduled(String runId) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              try {
                return scheduler.checkExists(new JobKey(runId, GROUP));
              } catch (SchedulerException e) {
                throw new RunSchedulingException(runId, null, e);
              }
            }));
  }
}
