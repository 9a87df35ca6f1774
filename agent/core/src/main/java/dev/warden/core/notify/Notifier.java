package dev.warden.core.notify;

/**
 * Where a runbook's {@code notify} steps go: the chat surface when there is one (Slack), otherwise
 * the log. The text has been through the redactor.
 */
public interface Notifier {
  /**
   * Delivers one message.
   *
   * @param text the message, redacted
   * @param runId the run it belongs to (a chat surface threads by it)
   * @return where it went, for the step's summary ({@code log}, {@code #ops})
   */
  String notify(String text, String runId);
}
