package dev.warden.core.gate;

import dev.warden.core.approval.ApprovalRequest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Hears what the gate did after the fact, in the thread that did it: a runbook run learns this way
 * that its approved step ran, or that its approval request was denied; the chat surface posts and
 * updates approval messages. A listener must be quick and must not throw; the gate logs and ignores
 * what it throws.
 */
public interface GateListener {
  /** Hears nothing. */
  GateListener NONE = new GateListener() {};

  /**
   * An action ran.
   *
   * @param requestId the approval request it ran under, or empty when it was autonomous
   */
  default void executed(Permit permit, Optional<String> requestId, ExecutionResult result) {}

  /** An approval request ended without running its action: denied, expired or withdrawn. */
  default void closed(ApprovalRequest request) {}

  /** An approval request was opened and waits for votes (a chat surface asks for them now). */
  default void opened(ApprovalRequest request) {}

  /** An approval was counted and the request still needs more; {@code request} has the vote. */
  default void voted(ApprovalRequest request) {}

  /**
   * A listener that passes everything on to the one {@code listener} gives at the time: for a
   * listener built after the gate it listens to (the runbook engine needs the gate).
   */
  static GateListener later(Supplier<? extends GateListener> listener) {
    return new GateListener() {
      @Override
      public void executed(Permit permit, Optional<String> requestId, ExecutionResult result) {
        listener.get().executed(permit, requestId, result);
      }

      @Override
      public void closed(ApprovalRequest request) {
        listener.get().closed(request);
      }

      @Override
      public void opened(ApprovalRequest request) {
        listener.get().opened(request);
      }

      @Override
      public void voted(ApprovalRequest request) {
        listener.get().voted(request);
      }
    };
  }
}
