package dev.warden.app.runbook;

import dev.warden.core.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where {@code notify} steps go while no chat surface is configured: one INFO line with the run id
 * and the text, which the {@code NotifyExecutor} has already redacted. Line breaks are written as
 * {@code \n}, so that one message stays one log line and cannot forge others.
 */
class LogNotifier implements Notifier {
  private static final Logger log = LoggerFactory.getLogger(LogNotifier.class);

  @Override
  public String notify(String text, String runId) {
    log.info(
        "runbook notify run={} text={}", runId, text.replace("\r", "\\r").replace("\n", "\\n"));
    return "log";
  }
}
