package dev.warden.app.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.event.AlertGroupEvent;
import dev.warden.core.event.AlertGroupEvent.Alert;
import dev.warden.core.event.Event;
import dev.warden.core.event.IncidentEvent;
import dev.warden.core.event.OtherEvent;
import dev.warden.core.event.PullRequestCommentEvent;
import dev.warden.core.event.PullRequestEvent;
import dev.warden.core.event.Source;
import dev.warden.core.inbox.Appended;
import dev.warden.core.inbox.InboxEntry;
import dev.warden.core.inbox.InboxItem;
import dev.warden.core.inbox.ReceivedEvent;
import dev.warden.core.inbox.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every database must do for the inbox; run on H2 ({@link JdbcInboxH2Test}) and on a real
 * PostgreSQL ({@link JdbcInboxPostgresIT}).
 */
abstract class JdbcInboxContract {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private JdbcInbox inbox;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    inbox = new JdbcInbox(freshDatabase(), JsonMapper.builder().build());
  }

  private static InboxEntry entry(Source source, String key, Event event) {
    return new InboxEntry(
        source, key, event, "{\"raw\":true}".getBytes(StandardCharsets.UTF_8), T0);
  }

  private static InboxEntry entry(String key) {
    return entry(Source.GITHUB, key, new OtherEvent("push", "push to " + key));
  }

  @Test
  void storesAnEntryOnceAndReportsTheDuplicate() {
    Appended first = inbox.append(entry("d-1"));
    Appended second = inbox.append(entry("d-1"));

    assertThat(first.created()).isTrue();
    assertThat(second).isEqualTo(new Appended(first.id(), false));
    assertThat(inbox.countByState()).isEqualTo(Map.of(State.PENDING, 1L));
  }

  @Test
  void keysAreUniquePerSourceOnly() {
    inbox.append(entry(Source.GITHUB, "same", new OtherEvent("push", "")));
    Appended other =
        inbox.append(entry(Source.PAGERDUTY, "same", new OtherEvent("service.updated", "")));

    assertThat(other.created()).isTrue();
  }

  @Test
  void concurrentDeliveriesOfOneEventEndUpAsOneRow() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Callable<Appended>> calls = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      calls.add(
          () -> {
            start.await();
            return inbox.append(entry("racing"));
          });
    }
    List<Future<Appended>> futures = new ArrayList<>();
    calls.forEach(call -> futures.add(pool.submit(call)));
    start.countDown();
    List<Appended> results = new ArrayList<>();
    for (Future<Appended> future : futures) {
      results.add(future.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(results).filteredOn(Appended::created).hasSize(1);
    assertThat(results).extracting(Appended::id).containsOnly(results.get(0).id());
    assertThat(inbox.countByState()).isEqualTo(Map.of(State.PENDING, 1L));
  }

  @Test
  void roundTripsEveryKindOfEvent() {
    var alert =
        new Alert(
            "fae1e349ae24e9b8",
            AlertGroupEvent.Status.RESOLVED,
            Map.of("alertname", "KubePodCrashLooping", "city", "東京 🚀"),
            Map.of("description", "line \"one\"\n\tline two"),
            Instant.parse("2026-11-27T04:43:40.325894512Z"),
            Optional.of(Instant.parse("2026-11-27T04:50:00Z")),
            "http://prometheus/graph?g0.expr=up&g0.tab=1");
    List<Event> events =
        List.of(
            new PullRequestEvent(
                "acme/api",
                7,
                PullRequestEvent.Action.CLOSED,
                "Fix",
                "octo",
                "abc",
                "main",
                "u",
                true,
                true),
            new PullRequestCommentEvent(
                "acme/api",
                7,
                99L,
                PullRequestCommentEvent.Placement.DIFF_LINE,
                PullRequestCommentEvent.Action.EDITED,
                "octo",
                "LGTM",
                "a.go",
                "u"),
            new AlertGroupEvent(
                "r",
                "{}:{}",
                AlertGroupEvent.Status.RESOLVED,
                List.of(alert),
                Map.of("alertname", "KubePodCrashLooping"),
                Map.of(),
                Map.of(),
                "http://am",
                2),
            new IncidentEvent(
                "e1",
                "P1",
                IncidentEvent.Change.ACKNOWLEDGED,
                "t",
                "acknowledged",
                "high",
                "api",
                "u",
                Instant.parse("2020-04-09T15:16:27Z")),
            new OtherEvent("check_run.completed", "check run"));
    for (int i = 0; i < events.size(); i++) {
      inbox.append(entry(Source.GITHUB, "k" + i, events.get(i)));
    }

    List<ReceivedEvent> claimed = inbox.claimDue(T0, LEASE, 10);

    assertThat(claimed).extracting(ReceivedEvent::event).containsExactlyElementsOf(events);
    assertThat(claimed).extracting(ReceivedEvent::attempt).containsOnly(1);
    assertThat(claimed.get(0).receivedAt()).isEqualTo(T0);
  }

  @Test
  void claimsOnlyWhatIsDueAndEachEntryOnce() {
    long first = inbox.append(entry("a")).id();
    long second = inbox.append(entry("b")).id();

    List<ReceivedEvent> claimed = inbox.claimDue(T0, LEASE, 1);
    List<ReceivedEvent> rest = inbox.claimDue(T0, LEASE, 10);

    assertThat(claimed).extracting(ReceivedEvent::id).containsExactly(first);
    assertThat(rest).extracting(ReceivedEvent::id).containsExactly(second);
    assertThat(inbox.claimDue(T0, LEASE, 10)).isEmpty();
    assertThat(inbox.claimDue(T0.minusSeconds(1), LEASE, 10))
        .as("nothing is due before it arrived")
        .isEmpty();
  }

  @Test
  void concurrentWorkersNeverClaimTheSameEntry() throws Exception {
    for (int i = 0; i < 40; i++) {
      inbox.append(entry("e" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Long> claimedIds = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      workers.add(
          pool.submit(
              () -> {
                List<ReceivedEvent> batch;
                while (!(batch = inbox.claimDue(T0, LEASE, 3)).isEmpty()) {
                  batch.forEach(event -> claimedIds.add(event.id()));
                }
              }));
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(claimedIds).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void aLeaseThatRanOutCanBeClaimedAgain() {
    long id = inbox.append(entry("a")).id();
    inbox.claimDue(T0, LEASE, 10);

    assertThat(inbox.claimDue(T0.plus(LEASE).minusSeconds(1), LEASE, 10)).isEmpty();
    List<ReceivedEvent> again = inbox.claimDue(T0.plus(LEASE).plusSeconds(1), LEASE, 10);

    assertThat(again)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.id()).isEqualTo(id);
              assertThat(event.attempt()).isEqualTo(2);
            });
  }

  @Test
  void doneEntriesAreNeverClaimedAgain() {
    long id = inbox.append(entry("a")).id();
    inbox.claimDue(T0, LEASE, 10);
    inbox.markDone(List.of(id), T0.plusSeconds(1));

    assertThat(inbox.claimDue(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
    InboxItem item = inbox.recent(10, Optional.empty()).get(0);
    assertThat(item.state()).isEqualTo(State.DONE);
    assertThat(item.finishedAt()).contains(T0.plusSeconds(1));
  }

  @Test
  void aRetryWaitsForItsTime() {
    long id = inbox.append(entry("a")).id();
    inbox.claimDue(T0, LEASE, 10);
    inbox.markRetry(id, T0.plusSeconds(30), "IllegalStateException: boom");

    assertThat(inbox.claimDue(T0.plusSeconds(29), LEASE, 10)).isEmpty();
    assertThat(inbox.claimDue(T0.plusSeconds(30), LEASE, 10))
        .extracting(ReceivedEvent::attempt)
        .containsExactly(2);
    assertThat(inbox.recent(1, Optional.empty()).get(0).lastError())
        .isEqualTo("IllegalStateException: boom");
  }

  @Test
  void aDeadEntryStaysDeadUntilRequeued() {
    long id = inbox.append(entry("a")).id();
    inbox.claimDue(T0, LEASE, 10);
    inbox.markDead(id, T0, "gave up");

    assertThat(inbox.claimDue(T0.plus(Duration.ofDays(1)), LEASE, 10)).isEmpty();
    assertThat(inbox.recent(10, Optional.of(State.DEAD)))
        .extracting(InboxItem::id)
        .containsExactly(id);
    assertThat(inbox.requeue(id, T0.plusSeconds(60))).isTrue();
    assertThat(inbox.requeue(id, T0.plusSeconds(60)))
        .as("only dead entries are requeued")
        .isFalse();

    assertThat(inbox.claimDue(T0.plusSeconds(60), LEASE, 10))
        .extracting(ReceivedEvent::attempt)
        .containsExactly(1);
  }

  @Test
  void listsNewestFirstWithCounts() {
    for (int i = 0; i < 5; i++) {
      inbox.append(entry("e" + i));
    }
    inbox.claimDue(T0, LEASE, 2);

    List<InboxItem> recent = inbox.recent(3, Optional.empty());

    assertThat(recent).extracting(InboxItem::dedupKey).containsExactly("e4", "e3", "e2");
    assertThat(recent.get(0).type()).isEqualTo("push");
    assertThat(recent.get(0).summary()).isEqualTo("push to e4");
    assertThat(inbox.countByState()).isEqualTo(Map.of(State.PENDING, 3L, State.PROCESSING, 2L));
    assertThat(inbox.recent(10, Optional.of(State.PROCESSING)))
        .extracting(InboxItem::dedupKey)
        .containsExactly("e1", "e0");
  }
}
