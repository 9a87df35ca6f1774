package dev.warden.core.inbox;

import dev.warden.core.event.Event;
import dev.warden.core.event.Source;
import java.time.Instant;
import java.util.Objects;

/**
 * A new event to store.
 *
 * @param source the sender
 * @param dedupKey unique per source; a second entry with the same key is a duplicate
 * @param event the normalised event
 * @param rawBody the body exactly as received, kept for audit and replay
 * @param receivedAt when it arrived
 */
public record InboxEntry(
    Source source, String dedupKey, Event event, byte[] rawBody, Instant receivedAt) {

  public InboxEntry {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(rawBody, "rawBody");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
