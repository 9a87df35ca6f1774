package dev.warden.app.timers;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Timers as Quartz jobs in the database (the JDBC job store, clustered): one job per key in a
 * group, with one trigger at an instant. A timer survives restarts and fires on one replica; a job
 * cut off by a crash is run again ({@code requestRecovery}); a timer missed while no replica ran
 * fires as soon as one does (misfire: fire now). Setting a timer again replaces it. The job is not
 * durable: Quartz deletes it with its one trigger once it has fired, so the tables hold only timers
 * still to come.
 *
 * <p>Quartz's job store works on the application's data source through Spring, and its row locks
 * hold only inside a Spring-managed transaction: every call into the scheduler runs in one.
 */
public final class DurableTimers {
  private final Scheduler scheduler;
  private final TransactionTemplate transactions;
  private final String group;
  private final Class<? extends Job> job;
  private final String what;

  /**
   * @param group the Quartz group of the jobs and triggers ({@code approval-expiry})
   * @param job the job that fires, which finds its key as its job's name
   * @param what what a timer does, for job descriptions and errors ({@code expires approval
   *     request})
   */
  public DurableTimers(
      Scheduler scheduler,
      PlatformTransactionManager transactionManager,
      String group,
      Class<? extends Job> job,
      String what) {
    this.scheduler = scheduler;
    this.transactions = new TransactionTemplate(transactionManager);
    this.group = group;
    this.job = job;
    this.what = what;
  }

  /**
   * Sets (or replaces) the timer of {@code key} to fire at {@code at}.
   *
   * @throws TimerException when the job store cannot be written
   */
  public void set(String key, Instant at) {
    JobDetail detail =
        JobBuilder.newJob(job)
            .withIdentity(key, group)
            .withDescription(what + " " + key)
            .requestRecovery(true)
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(key, group)
            .forJob(detail)
            .startAt(Date.from(QuartzTimes.fireTime(at)))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    inTransaction(key, at, () -> scheduler.scheduleJob(detail, Set.of(trigger), true));
  }

  /** Whether the timer of {@code key} is still to fire (or its job is running). */
  public boolean exists(String key) {
    return Boolean.TRUE.equals(
        inTransaction(key, null, () -> scheduler.checkExists(new JobKey(key, group))));
  }

  /** When the timer of {@code key} is set to fire, if it is set. */
  public Optional<Instant> nextFireTime(String key) {
    return inTransaction(
        key,
        null,
        () ->
            Optional.ofNullable(scheduler.getTrigger(new TriggerKey(key, group)))
                .map(Trigger::getNextFireTime)
                .map(Date::toInstant));
  }

  private interface SchedulerCall<T> {
    T call() throws SchedulerException;
  }

  private interface SchedulerAction {
    void run() throws SchedulerException;
  }

  private void inTransaction(String key, Instant at, SchedulerAction action) {
    inTransaction(
        key,
        at,
        () -> {
          action.run();
          return null;
        });
  }

  private <T> T inTransaction(String key, Instant at, SchedulerCall<T> call) {
    return transactions.execute(
        status -> {
          try {
            return call.call();
          } catch (SchedulerException e) {
            throw new TimerException(what, key, at, e);
          }
        });
  }

  /** A timer could not be stored or looked up in the job store. */
  public static final class TimerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimerException(String what, String key, Instant at, Throwable cause) {
      super(
          "could not "
              + (at == null ? "look up" : "set")
              + " the timer that "
              + what
              + " "
              + key
              + (at == null ? "" : " at " + at)
              + ": "
              + cause.getMessage(),
          cause);
    }
  }
}
