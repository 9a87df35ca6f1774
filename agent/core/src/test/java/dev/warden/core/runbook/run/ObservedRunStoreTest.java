package dev.warden.core.runbook.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.Requester;
import dev.warden.core.testing.InMemoryRunStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObservedRunStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private final List<Run> seen = new ArrayList<>();
  private final ObservedRunStore store = new ObservedRunStore(new InMemoryRunStore(), seen::add);

  @Test
  void tellsAboutCreationAndEveryStateChangeItMade() {
    store.create(run());
    assertThat(store.transition("r1", RunState.PROPOSED, RunState.RUNNING, T0, Optional.empty()))
        .isTrue();

    assertThat(seen).extracting(Run::state).containsExactly(RunState.PROPOSED, RunState.RUNNING);
  }

  @Test
  void saysNothingAboutAChangeThatDidNotHappen() {
    store.create(run());
    seen.clear();

    assertThat(store.transition("r1", RunState.RUNNING, RunState.FAILED, T0, Optional.empty()))
        .isFalse();
    assertThat(store.updateStep("r1", step().skipped("x"), StepState.SUCCEEDED)).isFalse();

    assertThat(seen).isEmpty();
  }

  @Test
  void tellsAboutAStepThatChangedStateButNotAboutARewriteInTheSameState() {
    store.create(run());
    seen.clear();

    store.updateStep("r1", step(), StepState.PENDING);
    assertThat(seen).isEmpty();
    store.updateStep("r1", step().skipped("not needed"), StepState.PENDING);

    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).steps().get(0).state()).isEqualTo(StepState.SKIPPED);
  }

  @Test
  void aFailingObserverNeverFailsTheStore() {
    ObservedRunStore failing =
        new ObservedRunStore(
            new InMemoryRunStore(),
            run -> {
              throw new IllegalStateException("chat is down");
            });

    failing.create(run());

    assertThat(failing.transition("r1", RunState.PROPOSED, RunState.RUNNING, T0, Optional.empty()))
        .isTrue();
    assertThat(failing.find("r1").orElseThrow().state()).isEqualTo(RunState.RUNNING);
  }

  private static StepRun step() {
    return StepRun.pending(0, false, "look", "kubernetes.get", "req-1");
  }

  private static Run run() {
    return new Run(
        "r1",
        "crashloop-restart",
        Optional.empty(),
        Map.of("alertname", "KubePodCrashLooping"),
        Map.of(),
        Map.of(),
        Requester.runbook("crashloop-restart"),
        Optional.empty(),
        RunState.PROPOSED,
        T0,
        T0,
        Optional.empty(),
        List.of(step()),
        Optional.empty());
  }
}
