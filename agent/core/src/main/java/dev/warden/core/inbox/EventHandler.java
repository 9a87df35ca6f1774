package dev.warden.core.inbox;

/**
 * Something that acts on inbox events (triage, review, notification). Handlers run on the inbox
 * worker, one event at a time, in arrival order. Processing is at least once: an event whose
 * processing did not finish (failure, crash) is handled again, so handlers must be idempotent.
 * Throwing marks the attempt failed; the other handlers still get the event, and all of them get it
 * again on the next attempt.
 */
@FunctionalInterface
public interface EventHandler {

  void handle(ReceivedEvent event);
}
