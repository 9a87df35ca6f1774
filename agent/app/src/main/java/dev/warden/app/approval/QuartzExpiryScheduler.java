package dev.warden.app.approval;

import dev.warden.app.timers.QuartzTimes;
import dev.warden.core.approval.ExpiryScheduler;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expiry timers as Quartz jobs in the database (the JDBC job store, clustered): one job per
 * request, keyed by the request id in the group {@value #GROUP}, with one trigger at the expiry
 * time. A timer survives restarts and fires on one replica; a job cut off by a crash is run again
 * ({@code requestRecovery}); a timer missed while no replica ran fires as soon as one does
 * (misfire: fire now). Scheduling the same request again replaces its timer. A timer that a
 * stopping replica had already taken on (Quartz does so up to its idle wait, 5s here, before it is
 * due) is handed back only by cluster recovery, which was seen to leave it stuck; so every start
 * sets the timers of pending requests again ({@link ExpiryTimersOnStart}).
 *
 * <p>The job is not durable: Quartz deletes it together with its one trigger once it has fired, so
 * the job tables hold only timers that are still to come. (Durability in Quartz means "keep the job
 * without triggers", not "survive a restart"; the JDBC job store gives the latter.)
 *
 * <p>Quartz's job store works on the application's data source through Spring, and its row locks
 * hold only inside a Spring-managed transaction: every call into the scheduler runs in one, with
 * the transaction manager that Quartz was configured with.
 */
public class QuartzExpiryScheduler implements ExpiryScheduler {
  /** The Quartz group of the expiry jobs and their triggers. */
  public static final String GROUP = "approval-expiry";

  private static final Logger log = LoggerFactory.getLogger(QuartzExpiryScheduler.class);

  private final Scheduler scheduler;
  private final TransactionTemplate transactions;

  public QuartzExpiryScheduler(Scheduler scheduler, PlatformTransactionManager transactionManager) {
    this.scheduler = scheduler;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @Override
  public void schedule(String requestId, Instant at) {
    JobDetail job =
        JobBuilder.newJob(ExpiryJob.class)
            .withIdentity(requestId, GROUP)
            .withDescription("expires approval request " + requestId)
            .requestRecovery(true)
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(requestId, GROUP)
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
            throw new ExpirySchedulingException(requestId, at, e);
          }
        });
    log.debug("approval expiry scheduled id={} at={}", requestId, at);
  }

  /** Whether a timer for the request is still to fire. */
  public boolean isScheduled(String requestId) {
    return Boolean.TRUE.equals(
        transactions.execute(
            status -> {
              try {
                return scheduler.checkExists(new JobKey(requestId, GROUP));
              } catch (SchedulerException e) {
                throw new ExpirySchedulingException(requestId, null, e);
              }
            }));
  }
}
