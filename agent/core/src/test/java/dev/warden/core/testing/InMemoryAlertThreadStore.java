package dev.warden.core.testing;

import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.AlertGroupId;
import dev.warden.core.chat.alerts.AlertGroupState;
import dev.warden.core.chat.alerts.AlertThread;
import dev.warden.core.chat.alerts.AlertThreadStore;
import dev.warden.core.event.AlertGroupEvent.Status;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake {@link AlertThreadStore} in memory, atomic like the database one. Synchronized. */
public final class InMemoryAlertThreadStore implements AlertThreadStore {
  private final Map<String, AlertThread> threads = new LinkedHashMap<>();
  private final Map<String, String> events = new HashMap<>();
  private final Map<String, String> runs = new HashMap<>();

  @Override
  public synchronized Optional<AlertThread> find(String id) {
    return Optional.ofNullable(threads.get(id));
  }

  @Override
  public synchronized Optional<AlertThread> latest(AlertGroupId group) {
    return threads.values().stream()
        .filter(thread -> thread.group().equals(group))
        .max(Comparator.comparingInt(AlertThread::episode));
  }

  @Override
  public synchronized Optional<AlertThread> claim(AlertThread thread, Instant staleBefore) {
    AlertThread known = threads.get(thread.id());
    AlertThread stored;
    if (known == null) {
      stored = copy(thread, Optional.empty(), thread.state(), 0, thread.claimedAt());
    } else if (known.root().isEmpty() && known.claimedAt().isBefore(staleBefore)) {
      stored =
          copy(thread, Optional.empty(), thread.state(), known.version() + 1, thread.claimedAt());
    } else {
      return Optional.empty();
    }
    threads.put(stored.id(), stored);
    return Optional.of(stored);
  }

  @Override
  public synchronized void release(String id, Instant claimedAt) {
    AlertThread known = threads.get(id);
    if (known != null && known.root().isEmpty() && known.claimedAt().equals(claimedAt)) {
      threads.put(id, copy(known, known.root(), known.state(), known.version(), Instant.EPOCH));
    }
  }

  @Override
  public synchronized boolean attach(String id, MessageRef root) {
    AlertThread known = threads.get(id);
    if (known == null || known.root().isPresent()) {
      return false;
    }
    threads.put(
        id, copy(known, Optional.of(root), known.state(), known.version(), known.claimedAt()));
    return true;
  }

  @Override
  public synchronized boolean update(String id, long expectedVersion, AlertGroupState state) {
    AlertThread known = threads.get(id);
    if (known == null || known.version() != expectedVersion) {
      return false;
    }
    threads.put(id, copy(known, known.root(), state, expectedVersion + 1, known.claimedAt()));
    return true;
  }

  @Override
  public synchronized void linkEvent(String threadId, String eventId) {
    events.putIfAbsent(eventId, threadId);
  }

  @Override
  public synchronized Optional<String> threadOfEvent(String eventId) {
    return Optional.ofNullable(events.get(eventId));
  }

  @Override
  public synchronized void linkRun(String threadId, String runId) {
    runs.putIfAbsent(runId, threadId);
  }

  @Override
  public synchronized Optional<String> threadOfRun(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  @Override
  public synchronized List<AlertThread> open() {
    return threads.values().stream()
        .filter(thread -> thread.root().isPresent() && thread.state().status() == Status.FIRING)
        .sorted(Comparator.comparing(AlertThread::claimedAt))
        .toList();
  }

  /** Every thread, in the order they were first claimed. */
  public synchronized List<AlertThread> all() {
    return List.copyOf(threads.values());
  }

  private static AlertThread copy(
      AlertThread thread,
      Optional<MessageRef> root,
      AlertGroupState state,
      long version,
      Instant claimedAt) {
    return new AlertThread(
        thread.id(),
        thread.group(),
        thread.episode(),
        thread.channel(),
        root,
        state,
        version,
        claimedAt);
  }
}
