package dev.warden.core.runbook.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RunStore} that tells an observer about every run it creates and every change of a run's
 * state or a step's that it makes, with the run as it is after the change. The chat surface keeps
 * an alert's thread up to date this way without the engine knowing about chat. The observer is
 * called on the caller's thread after the change is stored; it must be quick (hand chat calls to
 * another thread), and what it throws is logged and dropped: a run never fails because of it.
 */
public final class ObservedRunStore implements RunStore {
  private static final Logger log = LoggerFactory.getLogger(ObservedRunStore.class);

  private final RunStore runs;
  private final Consumer<Run> observer;

  public ObservedRunStore(RunStore runs, Consumer<Run> observer) {
    this.runs = Objects.requireNonNull(runs, "runs");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  @Override
  public void create(Run run) {
    runs.create(run);
    tell(run.id());
  }

  @Override
  public Optional<Run> find(String id) {
    return runs.find(id);
  }

  @Override
  public List<Run> active() {
    return runs.active();
  }

  @Override
  public List<Run> recent(int limit) {
    return runs.recent(limit);
  }

  @Override
  public boolean transition(
      String id, RunState from, RunState to, Instant at, Optional<String> note) {
    boolean changed = runs.transition(id, from, to, at, note);
    if (changed) {
      tell(id);
    }
    return changed;
  }

  @Override
  public boolean updateStep(String runId, StepRun step, StepState expected) {
    boolean changed = runs.updateStep(runId, step, expected);
    if (changed && step.state() != expected) {
      tell(runId);
    }
    return changed;
  }

  @Override
  public Optional<StepRef> findByRequest(String requestId) {
    return runs.findByRequest(requestId);
  }

  private void tell(String runId) {
    try {
      runs.find(runId).ifPresent(observer);
    } catch (RuntimeException e) {
      log.warn("run observer failed run={} error={}", runId, e.toString());
    }
  }
}
