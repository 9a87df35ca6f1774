package dev.warden.core.chat.alerts;

/**
 * An alert thread could not be handled now because another worker or replica is in the middle of it
 * (posting its root message, or changing its state at the same moment). Retrying shortly succeeds;
 * the inbox does so when a handler throws this.
 */
public final class AlertThreadBusyException extends RuntimeException {
  private final String threadId;

  public AlertThreadBusyException(String threadId, String reason) {
    super("alert thread " + threadId + " is busy: " + reason + "; try again shortly");
    this.threadId = threadId;
  }

  /** The thread's id. */
  public String threadId() {
    return threadId;
  }
}
