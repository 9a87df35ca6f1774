package dev.warden.app.approval;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.ExpiryScheduler;
import dev.warden.core.gate.ActionGate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expiry timer of one approval request (the job's name is the request id): asks the gate to
 * expire it. Quartz creates it through Spring, which passes the beans to the constructor.
 *
 * <p>Quartz may fire a few milliseconds early, and another replica's clock may be behind this
 * one's; if the request is still pending but not yet due by the gate's clock, the timer is set
 * again for its expiry time (at least a second later, so that a clock that stands still cannot make
 * it spin). If expiring fails (the database is away), it is tried again a minute later.
 */
class ExpiryJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(ExpiryJob.class);

  private final ActionGate gate;
  private final ApprovalStore approvals;
  private final ExpiryScheduler expiry;
  private final Clock clock;

  ExpiryJob(ActionGate gate, ApprovalStore approvals, ExpiryScheduler expiry, Clock clock) {
    this.gate = gate;
    this.approvals = approvals;
    this.expiry = expiry;
    this.clock = clock;
  }

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String requestId = context.getJobDetail().getKey().getName();
    Instant firedAt = context.getFireTime().toInstant();
    try {
      if (gate.expire(requestId)) {
        return;
      }
      Optional<ApprovalRequest> request = approvals.find(requestId);
      if (request.isPresent()
          && request.get().state() == ApprovalState.PENDING
          && !request.get().expiredAt(clock.instant())) {
        Instant again = latest(request.get().expiresAt(), firedAt.plusSeconds(1));
        log.info(
            "approval expiry early id={} expiresAt={} again={}",
            requestId,
            request.get().expiresAt(),
            again);
        expiry.schedule(requestId, again);
      }
    } catch (RuntimeException e) {
      Instant again = firedAt.plusSeconds(60);
      log.warn("approval expiry failed id={} error={} again={}", requestId, e.toString(), again);
      try {
        expiry.schedule(requestId, again);
      } catch (RuntimeException rescheduling) {
        e.addSuppressed(rescheduling);
        throw new JobExecutionException(e);
      }
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
