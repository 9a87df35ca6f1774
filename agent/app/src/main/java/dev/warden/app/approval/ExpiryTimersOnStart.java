package dev.warden.app.approval;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.ExpiryScheduler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sets the expiry timer of every pending request again when Warden starts. Quartz hands a timer
 * that a stopping replica had already taken on back to the others only through cluster recovery,
 * which was seen to leave it stuck; setting it again replaces it with a fresh one (or fires it at
 * once when the request is overdue). Expiring is idempotent, so a timer that fires twice is
 * harmless. Costs one query and one timer write per pending request at start.
 */
@Component
class ExpiryTimersOnStart {
  private static final Logger log = LoggerFactory.getLogger(ExpiryTimersOnStart.class);

  private final ApprovalStore approvals;
  private final ExpiryScheduler expiry;

  ExpiryTimersOnStart(ApprovalStore approvals, ExpiryScheduler expiry) {
    this.approvals = approvals;
    this.expiry = expiry;
  }

  @EventListener(ApplicationReadyEvent.class)
  void setTimersAgain() {
    List<ApprovalRequest> pending = approvals.pending();
    for (ApprovalRequest request : pending) {
      expiry.schedule(request.id(), request.expiresAt());
    }
    if (!pending.isEmpty()) {
      log.info("approval expiry timers set again pending={}", pending.size());
    }
  }
}
