package dev.warden.core.testing;

import dev.warden.core.runbook.run.Run;
import dev.warden.core.runbook.run.RunState;
import dev.warden.core.runbook.run.RunStore;
import dev.warden.core.runbook.run.StepRun;
import dev.warden.core.runbook.run.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake {@link RunStore} in memory, conditional like the database one. Synchronized. */
public final class InMemoryRunStore implements RunStore {
  private final Map<String, Run> runs = new LinkedHashMap<>();

  @Override
  public synchronized void create(Run run) {
    if (runs.putIfAbsent(run.id(), run) != null) {
      throw new IllegalStateException("run " + run.id() + " exists");
    }
  }

  @Override
  public synchronized Optional<Run> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public synchronized List<Run> active() {
    return runs.values().stream()
        .filter(run -> !run.state().terminal())
        .sorted(Comparator.comparing(Run::createdAt))
        .toList();
  }

  @Override
  public synchronized List<Run> recent(int limit) {
    return runs.values().stream()
        .sorted(Comparator.comparing(Run::createdAt).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean transition(
      String id, RunState from, RunState to, Instant at, Optional<String> note) {
    Run run = runs.get(id);
    if (run == null || run.state() != from) {
      return false;
    }
    runs.put(
        id,
        new Run(
            run.id(),
            run.runbook(),
            run.cluster(),
            run.labels(),
            run.annotations(),
            run.params(),
            run.startedBy(),
            run.sourceEvent(),
            to,
            run.createdAt(),
            at,
            note.or(run::note),
            run.steps(),
            run.notBefore()));
    return true;
  }

  @Override
  public synchronized boolean updateStep(String runId, StepRun step, StepState expected) {
    Run run = runs.get(runId);
    if (run == null || run.step(step.index()).state() != expected) {
      return false;
    }
    List<StepRun> steps = new ArrayList<>(run.steps());
    steps.set(step.index(), step);
    runs.put(
        runId,
        new Run(
            run.id(),
            run.runbook(),
            run.cluster(),
            run.labels(),
            run.annotations(),
            run.params(),
            run.startedBy(),
            run.sourceEvent(),
            run.state(),
            run.createdAt(),
            run.updatedAt(),
            run.note(),
            steps,
            run.notBefore()));
    return true;
  }

  @Override
  public synchronized Optional<StepRef> findByRequest(String requestId) {
    for (Run run : runs.values()) {
      for (StepRun step : run.steps()) {
        if (step.requestId().equals(requestId)) {
          return Optional.of(new StepRef(run.id(), step.index()));
        }
      }
    }
    return Optional.empty();
  }
}
