package dev.warden.core.inbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable storage of accepted events and their processing state. Implementations must make {@link
 * #append} atomic per (source, key), also under concurrent calls and across processes sharing the
 * store, and must make claiming safe for several workers at once.
 */
public interface Inbox {

  /** Stores the entry unless one with the same source and key exists; says which happened. */
  Appended append(InboxEntry entry);

  /**
   * Claims up to {@code limit} entries that are due at {@code now}: pending, retrying whose time
   * has come, or processing whose lease ran out (their worker died). Each claimed entry moves to
   * {@link State#PROCESSING} with a lease until {@code now + lease}, and its attempt count grows by
   * one. Oldest first.
   */
  List<ReceivedEvent> claimDue(Instant now, Duration lease, int limit);

  /** Marks claimed entries processed, in one step. */
  void markDone(Collection<Long> ids, Instant at);

  /** Marks a claimed entry failed, to be tried again at {@code nextAttemptAt}. */
  void markRetry(long id, Instant nextAttemptAt, String error);

  /** Marks a claimed entry failed for good. */
  void markDead(long id, Instant at, String error);

  /** Moves a dead entry back to pending, due at {@code now}, with a fresh attempt count. */
  boolean requeue(long id, Instant now);

  /** The most recent entries, newest first, optionally only those in {@code state}. */
  List<InboxItem> recent(int limit, Optional<State> state);

  /** How many entries are in each state (states with none are absent). */
  Map<State, Long> countByState();
}
