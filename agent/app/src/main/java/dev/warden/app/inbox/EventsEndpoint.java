package dev.warden.app.inbox;

import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.InboxItem;
import dev.warden.core.inbox.State;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/events}: recent inbox events with their processing state (no payloads), and
 * {@code POST /actuator/events/{id}} to requeue a dead one. {@code ./warden events} reads it.
 */
@Component
@Endpoint(id = "events")
class EventsEndpoint {
  private static final int MAX_LIMIT = 1000;

  private final Inbox inbox;
  private final Clock clock;

  EventsEndpoint(Inbox inbox, Clock clock) {
    this.inbox = inbox;
    this.clock = clock;
  }

  /** Recent events, newest first. */
  @ReadOperation
  Listing events(@Nullable String state, @Nullable Integer limit) {
    int n = limit == null ? 50 : Math.max(1, Math.min(limit, MAX_LIMIT));
    return new Listing(inbox.countByState(), inbox.recent(n, parse(state)));
  }

  /** Moves a dead event back to pending. */
  @WriteOperation
  Map<String, Object> requeue(@Selector long id) {
    boolean requeued = inbox.requeue(id, clock.instant());
    return Map.of("id", id, "requeued", requeued);
  }

  private static Optional<State> parse(@Nullable String state) {
    if (state == null || state.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(State.valueOf(state.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      String message = "state must be one of " + Arrays.toString(State.values()) + ", was " + state;
      throw new InvalidEndpointRequestException(message, message);
    }
  }

  /** What the endpoint answers: counts per state and the events themselves. */
  record Listing(Map<State, Long> counts, List<InboxItem> events) {}
}
