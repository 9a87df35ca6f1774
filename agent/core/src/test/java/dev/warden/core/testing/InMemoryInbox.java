package dev.warden.core.testing;

import dev.warden.core.inbox.Appended;
import dev.warden.core.inbox.Inbox;
import dev.warden.core.inbox.InboxEntry;
import dev.warden.core.inbox.InboxItem;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.inbox.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake {@link Inbox} in memory, with the same semantics as the database one. Synchronized. */
public final class InMemoryInbox implements Inbox {
  private final Map<Long, Row> rows = new LinkedHashMap<>();
  private long nextId = 1;

  /** One stored entry and its processing state. */
  public static final class Row {
    public final long id;
    public final InboxEntry entry;
    public State state = State.PENDING;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant claimedUntil;
    public Instant finishedAt;
    public String lastError = "";

    Row(long id, InboxEntry entry) {
      this.id = id;
      this.entry = entry;
      this.nextAttemptAt = entry.receivedAt();
    }
  }

  @Override
  public synchronized Appended append(InboxEntry entry) {
    for (Row row : rows.values()) {
      if (row.entry.source() == entry.source() && row.entry.dedupKey().equals(entry.dedupKey())) {
        return new Appended(row.id, false);
      }
    }
    long id = nextId++;
    rows.put(id, new Row(id, entry));
    return new Appended(id, true);
  }

  @Override
  public synchronized List<ReceivedEvent> claimDue(Instant now, Duration lease, int limit) {
    List<ReceivedEvent> claimed = new ArrayList<>();
    for (Row row : rows.values()) {
      if (claimed.size() == limit) {
        break;
      }
      boolean due =
          ((row.state == State.PENDING || row.state == State.RETRYING)
                  && !row.nextAttemptAt.isAfter(now))
              || (row.state == State.PROCESSING && row.claimedUntil.isBefore(now));
      if (due) {
        row.state = State.PROCESSING;
        row.attempts++;
        row.claimedUntil = now.plus(lease);
        claimed.add(
            new ReceivedEvent(
                row.id,
                row.entry.source(),
                row.entry.dedupKey(),
                row.entry.event(),
                row.attempts,
                row.entry.receivedAt()));
      }
    }
    return claimed;
  }

  @Override
  public synchronized void markDone(Collection<Long> ids, Instant at) {
    ids.forEach(id -> finish(id, State.DONE, at, null));
  }

  @Override
  public synchronized void markRetry(long id, Instant nextAttemptAt, String error) {
    Row row = rows.get(id);
    row.state = State.RETRYING;
    row.nextAttemptAt = nextAttemptAt;
    row.lastError = error;
  }

  @Override
  public synchronized void markDead(long id, Instant at, String error) {
    finish(id, State.DEAD, at, error);
  }

  private void finish(long id, State state, Instant at, String error) {
    Row row = rows.get(id);
    row.state = state;
    row.finishedAt = at;
    if (error != null) {
      row.lastError = error;
    }
  }

  @Override
  public synchronized boolean requeue(long id, Instant now) {
    Row row = rows.get(id);
    if (row == null || row.state != State.DEAD) {
      return false;
    }
    row.state = State.PENDING;
    row.attempts = 0;
    row.nextAttemptAt = now;
    return true;
  }

  @Override
  public synchronized List<InboxItem> recent(int limit, Optional<State> state) {
    return rows.values().stream()
        .filter(row -> state.isEmpty() || row.state == state.get())
        .sorted(Comparator.comparingLong((Row row) -> row.id).reversed())
        .limit(limit)
        .map(
            row ->
                new InboxItem(
                    row.id,
                    row.entry.source(),
                    row.entry.dedupKey(),
                    row.entry.event().type(),
                    row.entry.event().summary(),
                    row.state,
                    row.attempts,
                    row.entry.receivedAt(),
                    row.nextAttemptAt,
                    Optional.ofNullable(row.finishedAt),
                    row.lastError))
        .toList();
  }

  @Override
  public synchronized Map<State, Long> countByState() {
    Map<State, Long> counts = new EnumMap<>(State.class);
    rows.values().forEach(row -> counts.merge(row.state, 1L, Long::sum));
    return counts;
  }

  /** The row with {@code id}, for assertions. */
  public synchronized Row row(long id) {
    return rows.get(id);
  }
}
