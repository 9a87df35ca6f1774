package dev.warden.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.Source;
import dev.warden.core.testing.InMemoryInbox;
import dev.warden.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboxProcessorTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final InMemoryInbox inbox = new InMemoryInbox();
  private final List<String> handled = new ArrayList<>();
  private int failuresLeft;

  private final EventHandler handler =
      event -> {
        handled.add(event.dedupKey() + "#" + event.attempt());
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new IllegalStateException("downstream unavailable");
        }
      };

  private final InboxProcessor processor =
      new InboxProcessor(
          inbox,
          List.of(handler),
          new InboxProcessor.Settings(
              3, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1)),
          clock);

  private long append(String key) {
    return inbox
        .append(
            new InboxEntry(
                Source.GITHUB, key, new OtherEvent("push", key), new byte[0], clock.instant()))
        .id();
  }

  @Test
  void processesDueEventsOnceInArrivalOrder() {
    long first = append("a");
    long second = append("b");

    assertThat(processor.processDue(10)).isEqualTo(2);
    assertThat(processor.processDue(10)).isZero();

    assertThat(handled).containsExactly("a#1", "b#1");
    assertThat(inbox.row(first).state).isEqualTo(State.DONE);
    assertThat(inbox.row(second).state).isEqualTo(State.DONE);
  }

  @Test
  void retriesAFailedEventAfterABackoffAndRecordsTheError() {
    long id = append("a");
    failuresLeft = 1;

    processor.processDue(10);

    var row = inbox.row(id);
    assertThat(row.state).isEqualTo(State.RETRYING);
    assertThat(row.lastError).isEqualTo("IllegalStateException: downstream unavailable");
    // first backoff: 10 s with up to 50 % jitter either way
    assertThat(Duration.between(clock.instant(), row.nextAttemptAt))
        .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15));
    assertThat(processor.processDue(10)).as("not due before its next attempt time").isZero();

    clock.advance(Duration.ofSeconds(16));
    processor.processDue(10);

    assertThat(handled).containsExactly("a#1", "a#2");
    assertThat(inbox.row(id).state).isEqualTo(State.DONE);
  }

  @Test
  void backoffGrowsBetweenAttempts() {
    long id = append("a");
    failuresLeft = 2;
    processor.processDue(10);
    Duration firstDelay = Duration.between(clock.instant(), inbox.row(id).nextAttemptAt);

    clock.advance(Duration.ofSeconds(20));
    processor.processDue(10);
    Duration secondDelay = Duration.between(clock.instant(), inbox.row(id).nextAttemptAt);

    // 10 s ±50 % then 20 s ±50 %: ranges [5, 15] and [10, 30]
    assertThat(secondDelay).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(30));
    assertThat(firstDelay).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15));
  }

  @Test
  void deadLettersAfterTheLastAllowedAttempt() {
    long id = append("a");
    failuresLeft = Integer.MAX_VALUE;

    for (int i = 0; i < 5; i++) {
      processor.processDue(10);
      clock.advance(Duration.ofMinutes(10));
    }

    assertThat(handled).containsExactly("a#1", "a#2", "a#3");
    assertThat(inbox.row(id).state).isEqualTo(State.DEAD);
    assertThat(inbox.row(id).finishedAt).isNotNull();
  }

  @Test
  void takesOverAnEventWhoseWorkerDiedAfterTheLease() {
    long id = append("a");
    inbox.claimDue(clock.instant(), Duration.ofMinutes(1), 10); // a worker that then died

    assertThat(processor.processDue(10)).as("still leased").isZero();
    clock.advance(Duration.ofSeconds(61));
    processor.processDue(10);

    assertThat(handled).containsExactly("a#2");
    assertThat(inbox.row(id).state).isEqualTo(State.DONE);
  }

  @Test
  void aHandlerFailureDoesNotStopTheOtherEventsOfTheBatch() {
    append("a");
    long second = append("b");
    failuresLeft = 1;

    processor.processDue(10);

    assertThat(inbox.row(second).state).isEqualTo(State.DONE);
  }

  @Test
  void aFailingHandlerDoesNotKeepTheOthersFromTheEventAndEveryoneHearsTheRetry() {
    List<String> second = new ArrayList<>();
    InboxProcessor two =
        new InboxProcessor(
            inbox,
            List.of(handler, event -> second.add(event.dedupKey() + "#" + event.attempt())),
            new InboxProcessor.Settings(
                3, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1)),
            clock);
    long id = append("a");
    failuresLeft = 1;

    two.processDue(10);

    assertThat(second).containsExactly("a#1");
    assertThat(inbox.row(id).state).isEqualTo(State.RETRYING);

    clock.advance(Duration.ofSeconds(16));
    two.processDue(10);

    assertThat(second).containsExactly("a#1", "a#2");
    assertThat(inbox.row(id).state).isEqualTo(State.DONE);
  }

  @Test
  void settingsRejectNonsense() {
    assertThatThrownBy(
            () ->
                new InboxProcessor.Settings(
                    0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(
            () ->
                new InboxProcessor.Settings(
                    1, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessageContaining("initialBackoff must be positive");
  }
}
