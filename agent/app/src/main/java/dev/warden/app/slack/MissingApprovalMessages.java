package dev.warden.app.slack;

import dev.warden.core.chat.approval.ApprovalMessages;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Once a minute, posts the approval messages that could not be posted when their request opened
 * (Slack was down or refused): a pending request always gets its message in the end.
 */
class MissingApprovalMessages {
  private static final Logger log = LoggerFactory.getLogger(MissingApprovalMessages.class);

  private final ApprovalMessages messages;

  MissingApprovalMessages(ApprovalMessages messages) {
    this.messages = messages;
  }

  @Scheduled(initialDelay = 30, fixedDelay = 60, timeUnit = TimeUnit.SECONDS)
  void postMissing() {
    try {
      int queued = messages.postMissing();
      if (queued > 0) {
        log.info("approval messages missing, posting again count={}", queued);
      }
    } catch (RuntimeException e) {
      log.warn("approval messages not checked error={}", e.getClass().getSimpleName());
    }
  }
}
