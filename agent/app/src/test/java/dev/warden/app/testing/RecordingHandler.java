package dev.warden.app.testing;

import dev.warden.core.inbox.EventHandler;
import dev.warden.core.inbox.ReceivedEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An event handler for tests: records every event it is given and fails on demand, per
 * de-duplication key, a given number of times (or always).
 */
public class RecordingHandler implements EventHandler {
  private final List<ReceivedEvent> handled = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();

  @Override
  public void handle(ReceivedEvent event) {
    handled.add(event);
    Integer left = failuresLeft.computeIfPresent(event.dedupKey(), (key, n) -> n - 1);
    if (left != null && left >= 0) {
      throw new IllegalStateException("injected failure for " + event.dedupKey());
    }
  }

  /** Makes the next {@code times} attempts for {@code dedupKey} fail. */
  public void failNext(String dedupKey, int times) {
    failuresLeft.put(dedupKey, times);
  }

  /** Every attempt so far, in order. */
  public List<ReceivedEvent> handled() {
    return List.copyOf(handled);
  }

  /** The attempts for one key. */
  public List<ReceivedEvent> handled(String dedupKey) {
    return handled.stream().filter(event -> event.dedupKey().equals(dedupKey)).toList();
  }
}
