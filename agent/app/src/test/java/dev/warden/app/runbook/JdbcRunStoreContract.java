package dev.warden.app.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunStore.StepRef;
import dev.warden.core.runbook.run.StepRun;
import dev.warden.core.runbook.run.StepState;
import dev.warden.core.testing.Races;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for runbook runs, with {@code InMemoryRunStore} of the core's test
 * fixtures as the reference; run on H2 ({@link JdbcRunStoreH2Test}) and on a real PostgreSQL
 * ({@link JdbcRunStorePostgresIT}).
 */
abstract class JdbcRunStoreContract {
  // microseconds, the precision both databases keep
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");
  private static final int THREADS = 8;
  // label values are data: template braces, shell metacharacters and any script come back as is
  private static final String HOSTILE =
      "{{ params.namespace }} $(rm -rf /); `id` | tee \"x\" 'y' \\";
  private static final String UNICODE = "Zürich-节点-🚀 ✓";

  private JdbcRunStore store;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    store = new JdbcRunStore(freshDatabase());
  }

  private static ProposedAction action() {
    return new ProposedAction(
        "kubernetes.rollout-restart",
        new Target(
            Optional.of("prod"),
            Optional.of("shop"),
            Optional.of("deployment"),
            Optional.of("web"),
            Optional.empty(),
            Map.of("alertname", "WebDown", "pod", HOSTILE)),
        Map.of(
            "namespace",
            "shop",
            "name",
            HOSTILE,
            "change-id",
            "run-1/restart",
            "options",
            Map.of("replicas", 3, "reasons", List.of(UNICODE, 2.5, true))),
        Map.of("pods", 3L),
        Requester.runbook("restart-web"),
        Optional.of("alertmanager:42"),
        true);
  }

  /** A run whose every optional field is set, with steps in several states. */
  private static Run fullRun(String id, Instant createdAt) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", "WebDown");
    labels.put("pod", HOSTILE);
    labels.put("zone", UNICODE);
    labels.put("empty", "");
    StepRun done =
        new StepRun(
            0,
            false,
            "restart",
            "kubernetes.rollout-restart",
            StepState.SUCCEEDED,
            id + "-request-0",
            Optional.of(action()),
            Optional.of("approve-first"),
            Optional.of("shop-changes"),
            Optional.of(createdAt.plusSeconds(1)),
            Optional.of(createdAt.plusSeconds(90)),
            Optional.of(createdAt.plus(Duration.ofMinutes(5))),
            Map.of("deployment", "web", "echo", HOSTILE, "zone", UNICODE),
            Optional.of("restarted shop/web " + UNICODE),
            Optional.of("a retried error"),
            Optional.of("spec.template.metadata.annotations: + restartedAt\n{{ not a template }}"),
            Optional.of("kubectl -n shop rollout restart deployment/web"));
    StepRun pending = StepRun.pending(1, false, "verify", "wait.until", id + "-request-1");
    StepRun failed =
        StepRun.pending(2, true, "undo", "kubernetes.rollout-undo", id + "-request-2")
            .failed(createdAt.plusSeconds(120), "the API said no: " + HOSTILE);
    return new Run(
        id,
        "restart-web",
        Optional.of("prod"),
        labels,
        Map.of(
            "summary",
            "web is down " + UNICODE,
            "runbook_url",
            "https://example.invalid/x?a=1&b=2"),
        Map.of("namespace", "shop", "pod", HOSTILE),
        Requester.person("U-ALICE"),
        Optional.of("alertmanager:42"),
        RunState.AWAITING_APPROVAL,
        createdAt,
        createdAt.plusSeconds(2),
        Optional.of("a note"),
        List.of(done, pending, failed),
        Optional.of(createdAt.plusSeconds(3600)));
  }

  /** A run with nothing optional set: no cluster, no labels, no source event, no note. */
  private static Run bareRun(String id, Instant createdAt) {
    return new Run(
        id,
        "restart-web",
        Optional.empty(),
        Map.of(),
        Map.of(),
        Map.of(),
        Requester.runbook("restart-web"),
        Optional.empty(),
        RunState.PROPOSED,
        createdAt,
        createdAt,
        Optional.empty(),
        List.of(
            StepRun.pending(0, false, "status", "kubernetes.get", id + "-request-0"),
            StepRun.pending(1, false, "report", "notify", id + "-request-1")));
  }

  private Run created(Run run) {
    store.create(run);
    return run;
  }

  private Run reload(String id) {
    return store.find(id).orElseThrow();
  }

  @Test
  void readsBackARunWithEveryFieldAsItWasCreated() {
    Run run = created(fullRun("run-1", T0));

    Run found = reload("run-1");

    assertThat(found).isEqualTo(run);
    assertThat(found.labels()).containsEntry("pod", HOSTILE).containsEntry("zone", UNICODE);
    assertThat(found.step(0).action().orElseThrow().hash()).isEqualTo(action().hash());
    assertThat(found.step(0).outputs()).containsEntry("echo", HOSTILE);
    assertThat(found.steps()).extracting(StepRun::rollback).containsExactly(false, false, true);
  }

  @Test
  void readsBackARunWithNothingOptionalSet() {
    Run run = created(bareRun("run-1", T0));

    assertThat(store.find("run-1")).contains(run);
  }

  @Test
  void findsNothingForAnUnknownId() {
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void refusesASecondRunWithTheSameIdAndKeepsTheFirst() {
    Run first = created(bareRun("run-1", T0));
    Run second = fullRun("run-1", T0.plusSeconds(1));

    assertThatThrownBy(() -> store.create(second))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run-1");
    assertThat(store.find("run-1")).contains(first);
  }

  @Test
  void storesNothingOfARunWhoseStepRequestIdIsTaken() {
    created(bareRun("run-1", T0));
    Run clash =
        new Run(
            "run-2",
            "restart-web",
            Optional.empty(),
            Map.of(),
            Map.of(),
            Map.of(),
            Requester.runbook("restart-web"),
            Optional.empty(),
            RunState.PROPOSED,
            T0,
            T0,
            Optional.empty(),
            List.of(
                StepRun.pending(0, false, "status", "kubernetes.get", "run-2-request-0"),
                StepRun.pending(1, false, "report", "notify", "run-1-request-1")));

    assertThatThrownBy(() -> store.create(clash)).isInstanceOf(IllegalStateException.class);
    assertThat(store.find("run-2")).isEmpty();
    assertThat(store.findByRequest("run-2-request-0")).isEmpty();
  }

  @Test
  void transitionsOnlyFromTheExpectedStateAndKeepsTheNoteUnlessGivenOne() {
    created(fullRun("run-1", T0));
    Instant later = T0.plusSeconds(60);

    assertThat(
            store.transition(
                "run-1", RunState.RUNNING, RunState.FAILED, later, Optional.of("wrong state")))
        .isFalse();
    assertThat(
            store.transition(
                "run-1", RunState.AWAITING_APPROVAL, RunState.RUNNING, later, Optional.empty()))
        .isTrue();
    Run running = reload("run-1");
    assertThat(running.state()).isEqualTo(RunState.RUNNING);
    assertThat(running.updatedAt()).isEqualTo(later);
    assertThat(running.note()).contains("a note");

    assertThat(
            store.transition(
                "run-1",
                RunState.RUNNING,
                RunState.SUCCEEDED,
                later.plusSeconds(1),
                Optional.of("all steps done")))
        .isTrue();
    assertThat(store.transition("nope", RunState.RUNNING, RunState.FAILED, later, Optional.empty()))
        .isFalse();

    Run done = reload("run-1");
    assertThat(done.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(done.note()).contains("all steps done");
    assertThat(done.updatedAt()).isEqualTo(later.plusSeconds(1));
    assertThat(done.createdAt()).isEqualTo(T0);
    assertThat(done.steps()).isEqualTo(fullRun("run-1", T0).steps());
  }

  @Test
  void exactlyOneOfConcurrentTransitionsWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      String id = "run-" + round;
      created(bareRun(id, T0));

      List<Boolean> won =
          Races.run(
              THREADS,
              i ->
                  store.transition(
                      id,
                      RunState.PROPOSED,
                      i % 2 == 0 ? RunState.RUNNING : RunState.CANCELLED,
                      T0.plusMillis(i),
                      Optional.of("caller " + i)));

      assertThat(won).as("round %d", round).containsOnlyOnce(true);
      int winner = won.indexOf(true);
      Run run = reload(id);
      assertThat(run.state()).isEqualTo(winner % 2 == 0 ? RunState.RUNNING : RunState.CANCELLED);
      assertThat(run.note()).contains("caller " + winner);
    }
  }

  @Test
  void updatesAStepOnlyInTheExpectedStateAndLeavesTheOthersAlone() {
    Run run = created(bareRun("run-1", T0));
    StepRun started =
        run.step(0)
            .started(action(), T0.plusSeconds(1), Optional.of(T0.plusSeconds(61)))
            .decided("autonomous", Optional.of("reads"));

    assertThat(store.updateStep("run-1", started, StepState.SUBMITTED)).isFalse();
    assertThat(store.updateStep("run-1", started, StepState.PENDING)).isTrue();
    assertThat(store.updateStep("run-1", started, StepState.PENDING)).isFalse();
    StepRun done =
        started.succeeded(T0.plusSeconds(2), "found deployment web", Map.of("name", HOSTILE));
    assertThat(store.updateStep("run-1", done, StepState.SUBMITTED)).isTrue();
    assertThat(store.updateStep("nope", done, StepState.SUCCEEDED)).isFalse();

    Run found = reload("run-1");
    assertThat(found.step(0)).isEqualTo(done);
    assertThat(found.step(1)).isEqualTo(run.step(1));
    assertThat(found.state()).isEqualTo(RunState.PROPOSED);
    assertThat(found.updatedAt()).isEqualTo(run.updatedAt());
  }

  @Test
  void exactlyOneOfConcurrentStepUpdatesWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      String id = "run-" + round;
      Run run = created(bareRun(id, T0));

      List<Boolean> won =
          Races.run(
              THREADS,
              i ->
                  store.updateStep(
                      id,
                      run.step(0).started(action(), T0.plusMillis(i), Optional.empty()),
                      StepState.PENDING));

      assertThat(won).as("round %d", round).containsOnlyOnce(true);
      assertThat(reload(id).step(0).startedAt()).contains(T0.plusMillis(won.indexOf(true)));
    }
  }

  @Test
  void findsTheStepOfAnApprovalRequest() {
    created(fullRun("run-1", T0));
    created(bareRun("run-2", T0));

    assertThat(store.findByRequest("run-1-request-2")).contains(new StepRef("run-1", 2));
    assertThat(store.findByRequest("run-2-request-0")).contains(new StepRef("run-2", 0));
    assertThat(store.findByRequest("nope")).isEmpty();
  }

  @Test
  void listsActiveRunsOldestFirstAndRecentRunsNewestFirst() {
    created(bareRun("run-c", T0.plusSeconds(2)));
    created(fullRun("run-a", T0));
    created(bareRun("run-d", T0.plusSeconds(3)));
    created(bareRun("run-b", T0.plusSeconds(1)));
    store.transition(
        "run-d", RunState.PROPOSED, RunState.SUCCEEDED, T0.plusSeconds(4), Optional.empty());
    store.transition(
        "run-b", RunState.PROPOSED, RunState.CANCELLED, T0.plusSeconds(4), Optional.of("by bob"));
    store.transition(
        "run-c", RunState.PROPOSED, RunState.ROLLING_BACK, T0.plusSeconds(4), Optional.empty());

    List<Run> active = store.active();
    List<Run> recent = store.recent(3);

    assertThat(active).extracting(Run::id).containsExactly("run-a", "run-c");
    assertThat(active.get(0)).isEqualTo(fullRun("run-a", T0));
    assertThat(active.get(1).steps()).hasSize(2);
    assertThat(recent).extracting(Run::id).containsExactly("run-d", "run-c", "run-b");
    assertThat(recent).allSatisfy(run -> assertThat(run.steps()).hasSize(2));
    assertThat(store.recent(10))
        .extracting(Run::id)
        .containsExactly("run-d", "run-c", "run-b", "run-a");
    assertThat(store.recent(0)).isEmpty();
  }
}
