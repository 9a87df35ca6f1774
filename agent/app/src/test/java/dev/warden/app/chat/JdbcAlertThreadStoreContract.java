package dev.warden.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.chat.MessageRef;
import dev.warden.core.chat.alerts.AlertGroupId;
import dev.warden.core.chat.alerts.AlertGroupState;
import dev.warden.core.chat.alerts.AlertGroupState.RunLine;
import dev.warden.core.chat.alerts.AlertGroupState.TrackedAlert;
import dev.warden.core.chat.alerts.AlertThread;
import dev.warden.core.event.AlertGroupEvent.Status;
import dev.warden.core.event.Source;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.testing.Races;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for alert threads, with {@code InMemoryAlertThreadStore} of the
 * core's test fixtures as the reference; run on H2 ({@link JdbcAlertThreadStoreH2Test}) and on a
 * real PostgreSQL ({@link JdbcAlertThreadStorePostgresIT}).
 */
abstract class JdbcAlertThreadStoreContract {
  // microseconds, the precision both databases keep
  private static final Instant T0 = Instant.parse("2026-11-27T04:43:35.123456Z");
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int THREADS = 8;
  // label and annotation values are data: markup, mentions, quotes and any script come back as is
  private static final String HOSTILE =
      "<!channel> `id` $(rm -rf /) \"x\" 'y' \\ \n\t{{ labels.x }}";
  private static final String UNICODE = "東京-Zürich-🚀 ✓";
  private static final AlertGroupId GROUP =
      new AlertGroupId(
          Source.ALERTMANAGER,
          "devops-bot",
          "{}/{severity=\"critical\"}:{alertname=\"KubePodCrashLooping\", namespace=\"checkout\"}");

  private JdbcAlertThreadStore store;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    store = new JdbcAlertThreadStore(freshDatabase());
  }

  private static AlertGroupState fullState() {
    TrackedAlert firing =
        new TrackedAlert(
            "8c33ced03e20dd9c",
            Status.FIRING,
            Map.of("alertname", "KubePodCrashLooping", "pod", HOSTILE, "region", UNICODE),
            Map.of("summary", HOSTILE, "description", UNICODE),
            T0,
            Optional.empty(),
            "http://prometheus:9090/graph?g0.expr=up&g0.tab=1",
            T0.plusSeconds(1));
    TrackedAlert resolved =
        new TrackedAlert(
            "9206867303275e15",
            Status.RESOLVED,
            Map.of("alertname", "KubePodCrashLooping", "pod", "b"),
            Map.of(),
            T0.minusSeconds(60),
            Optional.of(T0.plusNanos(123_456_789)),
            "",
            T0.plusSeconds(2));
    return new AlertGroupState(
        Map.of(firing.fingerprint(), firing, resolved.fingerprint(), resolved),
        Map.of("alertname", "KubePodCrashLooping", "namespace", "checkout"),
        "https://am.example/",
        T0.plusSeconds(2),
        List.of(
            new RunLine(
                "run-1",
                "crashloop-restart",
                "KubePodCrashLooping",
                RunState.RUNNING,
                T0,
                Optional.empty()),
            new RunLine("run-2", "pod-logs", HOSTILE, RunState.FAILED, T0, Optional.of(HOSTILE))),
        "3f2a");
  }

  private static AlertGroupState resolvedState() {
    TrackedAlert alert =
        new TrackedAlert(
            "fp",
            Status.RESOLVED,
            Map.of("alertname", "X"),
            Map.of(),
            T0,
            Optional.empty(),
            "",
            T0);
    return new AlertGroupState(Map.of("fp", alert), Map.of(), "", T0, List.of(), "");
  }

  private static AlertThread thread(int episode, AlertGroupState state, Instant claimedAt) {
    return new AlertThread(
        GROUP.threadId(episode),
        GROUP,
        episode,
        "C024BE91L",
        Optional.empty(),
        state,
        0,
        claimedAt);
  }

  private AlertThread reload(String id) {
    return store.find(id).orElseThrow();
  }

  @Test
  void readsBackAClaimedThreadWithEveryFieldAsItWasClaimed() {
    AlertThread claimed = store.claim(thread(1, fullState(), T0), T0).orElseThrow();

    assertThat(claimed).isEqualTo(thread(1, fullState(), T0));
    assertThat(reload(GROUP.threadId(1))).isEqualTo(claimed);
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void aClaimedThreadIsNotClaimedAgainUntilItsClaimIsReleasedOrStale() {
    store.claim(thread(1, fullState(), T0), T0).orElseThrow();

    assertThat(store.claim(thread(1, resolvedState(), T0.plusSeconds(1)), T0)).isEmpty();
    assertThat(store.claim(thread(1, resolvedState(), T0.plusSeconds(1)), T0.minus(LEASE)))
        .isEmpty();

    AlertThread stale =
        store.claim(thread(1, resolvedState(), T0.plus(LEASE)), T0.plusSeconds(1)).orElseThrow();
    assertThat(stale.state()).isEqualTo(resolvedState());
    assertThat(stale.version()).isEqualTo(1);
    assertThat(stale.claimedAt()).isEqualTo(T0.plus(LEASE));

    store.release(stale.id(), T0);
    assertThat(reload(stale.id()).claimedAt()).as("another claim stays").isEqualTo(T0.plus(LEASE));
    store.release(stale.id(), stale.claimedAt());
    assertThat(reload(stale.id()).claimedAt()).isEqualTo(Instant.EPOCH);
    AlertThread taken =
        store.claim(thread(1, fullState(), T0.plus(LEASE).plusSeconds(1)), T0).orElseThrow();
    assertThat(taken.state()).isEqualTo(fullState());
    assertThat(taken.version()).isEqualTo(2);
  }

  @Test
  void aThreadWithARootIsNeverTakenOverNorReleased() {
    AlertThread claimed = store.claim(thread(1, fullState(), T0), T0).orElseThrow();
    MessageRef root = new MessageRef("C024BE91L", "1767225661.000200");

    assertThat(store.attach(claimed.id(), root)).isTrue();
    assertThat(store.attach(claimed.id(), new MessageRef("C024BE91L", "1767225661.000300")))
        .isFalse();
    assertThat(store.attach("nope", root)).isFalse();
    store.release(claimed.id(), T0);

    assertThat(store.claim(thread(1, resolvedState(), T0.plusSeconds(600)), T0.plusSeconds(600)))
        .isEmpty();
    AlertThread found = reload(claimed.id());
    assertThat(found.root()).contains(root);
    assertThat(found.claimedAt()).isEqualTo(T0);
    assertThat(found.state()).isEqualTo(fullState());
  }

  @Test
  void exactlyOneOfConcurrentClaimsWins() throws Exception {
    for (int round = 1; round <= 5; round++) {
      int episode = round;
      List<Optional<AlertThread>> claims =
          Races.run(THREADS, i -> store.claim(thread(episode, fullState(), T0.plusMillis(i)), T0));

      assertThat(claims.stream().filter(Optional::isPresent)).as("round %d", round).hasSize(1);
      AlertThread winner = claims.stream().flatMap(Optional::stream).findFirst().orElseThrow();
      assertThat(reload(GROUP.threadId(episode))).isEqualTo(winner);
    }
  }

  @Test
  void exactlyOneOfConcurrentTakeOversOfAStaleClaimWins() throws Exception {
    store.claim(thread(1, fullState(), T0), T0);

    List<Optional<AlertThread>> claims =
        Races.run(
            THREADS,
            i ->
                store.claim(
                    thread(1, resolvedState(), T0.plus(LEASE).plusMillis(i)), T0.plusSeconds(1)));

    assertThat(claims.stream().filter(Optional::isPresent)).hasSize(1);
    assertThat(reload(GROUP.threadId(1)).version()).isEqualTo(1);
  }

  @Test
  void updatesTheStateOnlyAtTheExpectedVersion() {
    AlertThread claimed = store.claim(thread(1, fullState(), T0), T0).orElseThrow();

    assertThat(store.update(claimed.id(), 1, resolvedState())).isFalse();
    assertThat(store.update(claimed.id(), 0, resolvedState())).isTrue();
    assertThat(store.update(claimed.id(), 0, fullState())).isFalse();
    assertThat(store.update("nope", 0, fullState())).isFalse();

    AlertThread found = reload(claimed.id());
    assertThat(found.state()).isEqualTo(resolvedState());
    assertThat(found.version()).isEqualTo(1);
  }

  @Test
  void exactlyOneOfConcurrentUpdatesWins() throws Exception {
    AlertThread claimed = store.claim(thread(1, fullState(), T0), T0).orElseThrow();

    List<Boolean> won =
        Races.run(
            THREADS, i -> store.update(claimed.id(), 0, fullState().withShown("caller " + i)));

    assertThat(won).containsOnlyOnce(true);
    assertThat(reload(claimed.id()).state().shown()).isEqualTo("caller " + won.indexOf(true));
  }

  @Test
  void theLatestEpisodeOfAGroupIsTheHighest() {
    assertThat(store.latest(GROUP)).isEmpty();
    store.claim(thread(1, resolvedState(), T0), T0);
    store.claim(thread(2, fullState(), T0.plusSeconds(1)), T0);

    assertThat(store.latest(GROUP).orElseThrow().episode()).isEqualTo(2);
    assertThat(store.latest(new AlertGroupId(Source.GRAFANA, "devops-bot", GROUP.groupKey())))
        .isEmpty();
  }

  @Test
  void theFirstLinkOfAnEventOrRunStays() {
    store.claim(thread(1, fullState(), T0), T0);
    store.claim(thread(2, fullState(), T0), T0);

    store.linkEvent(GROUP.threadId(1), "17");
    store.linkEvent(GROUP.threadId(2), "17");
    store.linkRun(GROUP.threadId(2), "run-1");
    store.linkRun(GROUP.threadId(1), "run-1");

    assertThat(store.threadOfEvent("17")).contains(GROUP.threadId(1));
    assertThat(store.threadOfRun("run-1")).contains(GROUP.threadId(2));
    assertThat(store.threadOfRun("17")).isEmpty();
    assertThat(store.threadOfEvent("run-1")).isEmpty();
  }

  @Test
  void openListsThreadsWithARootWhoseGroupFiresOldestClaimFirst() {
    AlertGroupId other = new AlertGroupId(Source.GRAFANA, "team", "{}:{alertname=\"Y\"}");
    store.claim(thread(2, fullState(), T0.plusSeconds(5)), T0);
    store.claim(
        new AlertThread(
            other.threadId(1), other, 1, "C1", Optional.empty(), fullState(), 0, T0.plusSeconds(1)),
        T0);
    store.claim(thread(1, resolvedState(), T0), T0);
    store.attach(GROUP.threadId(2), new MessageRef("C024BE91L", "1.2"));
    store.attach(other.threadId(1), new MessageRef("C1", "1.1"));
    store.attach(GROUP.threadId(1), new MessageRef("C024BE91L", "1.0"));

    assertThat(store.open())
        .extracting(AlertThread::id)
        .containsExactly(other.threadId(1), GROUP.threadId(2));

    AlertThread firing = reload(GROUP.threadId(2));
    store.update(firing.id(), firing.version(), resolvedState());
    assertThat(store.open()).extracting(AlertThread::id).containsExactly(other.threadId(1));
  }
}
