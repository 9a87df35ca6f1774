package dev.warden.core.inbox;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due inbox entries through the event handlers: done when every handler succeeds; on failure
 * retried after an exponentially growing, jittered delay; dead after the last allowed attempt.
 * Thread-safe as far as the {@link Inbox} is: several processors may share one inbox.
 */
public final class InboxProcessor {
  private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
  private static final int MAX_ERROR_LENGTH = 2000;

  private final Inbox inbox;
  private final List<EventHandler> handlers;
  private final Settings settings;
  private final IntervalFunction backoff;
  private final Clock clock;

  /**
   * How processing retries.
   *
   * @param maxAttempts attempts before an entry is dead, at least 1
   * @param initialBackoff the delay after the first failure
   * @param maxBackoff the longest delay between attempts
   * @param lease how long a claim holds before another worker may take the entry over
   */
  public record Settings(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease) {
    public Settings {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      requirePositive(initialBackoff, "initialBackoff");
      requirePositive(maxBackoff, "maxBackoff");
      requirePositive(lease, "lease");
    }

    private static void requirePositive(Duration duration, String name) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
    }
  }

  public InboxProcessor(Inbox inbox, List<EventHandler> handlers, Settings settings, Clock clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.handlers = List.copyOf(handlers);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            settings.initialBackoff(), 2.0, 0.5, settings.maxBackoff());
  }

  /**
   * Claims and processes up to {@code batch} due entries.
   *
   * @return how many were claimed; 0 means nothing was due
   */
  public int processDue(int batch) {
    List<ReceivedEvent> claimed = inbox.claimDue(clock.instant(), settings.lease(), batch);
    List<Long> done = new ArrayList<>();
    for (ReceivedEvent received : claimed) {
      if (process(received)) {
        done.add(received.id());
      }
    }
    // One write for the batch. Should the process die before it, these events are handled again
    // after their lease: processing is at least once anyway.
    inbox.markDone(done, clock.instant());
    return claimed.size();
  }

  /**
   * Runs every handler, also after one failed (the chat being down must not keep a runbook from
   * starting); true if all succeeded, else the first failure is recorded and the event is handled
   * again later, by every handler.
   */
  private boolean process(ReceivedEvent received) {
    RuntimeException failed = null;
    for (EventHandler handler : handlers) {
      try {
        handler.handle(received);
      } catch (RuntimeException failure) {
        if (failed == null) {
          failed = failure;
        } else {
          failed.addSuppressed(failure);
        }
      }
    }
    if (failed != null) {
      fail(received, failed);
      return false;
    }
    log.info(
        "event processed id={} source={} type={} attempt={}",
        received.id(),
        received.source().id(),
        received.event().type(),
        received.attempt());
    return true;
  }

  private void fail(ReceivedEvent received, RuntimeException failure) {
    String error = describe(failure);
    Instant now = clock.instant();
    if (received.attempt() >= settings.maxAttempts()) {
      inbox.markDead(received.id(), now, error);
      log.error(
          "event dead id={} source={} type={} attempts={} error=\"{}\"",
          received.id(),
          received.source().id(),
          received.event().type(),
          received.attempt(),
          error);
    } else {
      Instant next = now.plusMillis(backoff.apply(received.attempt()));
      inbox.markRetry(received.id(), next, error);
      log.warn(
          "event failed id={} source={} type={} attempt={} retryAt={} error=\"{}\"",
          received.id(),
          received.source().id(),
          received.event().type(),
          received.attempt(),
          next,
          error);
    }
  }

  private static String describe(RuntimeException failure) {
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }
}
