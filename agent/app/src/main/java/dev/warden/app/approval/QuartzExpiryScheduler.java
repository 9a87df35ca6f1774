package dev.warden.app.approval;

import dev.warden.app.timers.DurableTimers;
import dev.warden.core.approval.ExpiryScheduler;
import java.time.Instant;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Expiry timers as {@link DurableTimers}: one Quartz job per request, keyed by the request id in
 * the group {@value #GROUP}, with one trigger at the expiry time, in the database. A timer that a
 * stopping replica had already taken on (Quartz does so up to its idle wait, 5s here, before it is
 * due) is handed back only by cluster recovery, which was seen to leave it stuck; so every start
 * sets the timers of pending requests again ({@link ExpiryTimersOnStart}).
 */
public class QuartzExpiryScheduler implements ExpiryScheduler {
  /** The Quartz group of the expiry jobs and their triggers. */
  public static final String GROUP = "approval-expiry";

  private static final Logger log = LoggerFactory.getLogger(QuartzExpiryScheduler.class);

  private final DurableTimers timers;

  public QuartzExpiryScheduler(Scheduler scheduler, PlatformTransactionManager transactionManager) {
    this.timers =
        new DurableTimers(
            scheduler, transactionManager, GROUP, ExpiryJob.class, "expires approval request");
  }

  @Override
  public void schedule(String requestId, Instant at) {
    timers.set(requestId, at);
    log.debug("approval expiry scheduled id={} at={}", requestId, at);
  }

  /** Whether a timer for the request is still to fire. */
  public boolean isScheduled(String requestId) {
    return timers.exists(requestId);
  }
}
