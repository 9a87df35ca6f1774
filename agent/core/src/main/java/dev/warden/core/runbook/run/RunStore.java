package dev.warden.core.runbook.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where runs live. Every change is conditional on the state it expects, atomically, across threads
 * and replicas: a step's result recorded by the thread that approved it and a run cancelled by a
 * person cannot overwrite each other.
 */
public interface RunStore {
  /** Stores a new run with its steps. */
  void create(Run run);

  /** The run with its steps, or empty. */
  Optional<Run> find(String id);

  /** Runs that are not over, oldest first. */
  List<Run> active();

  /** The latest runs, newest first. */
  List<Run> recent(int limit);

  /**
   * Moves the run from {@code from} to {@code to} if it is in {@code from}.
   *
   * @return whether this call made the change
   */
  boolean transition(String id, RunState from, RunState to, Instant at, Optional<String> note);

  /**
   * Replaces the step at {@code step.index()} if it is in state {@code expected}.
   *
   * @return whether this call made the change
   */
  boolean updateStep(String runId, StepRun step, StepState expected);

  /** The run and step index whose step has that approval request id. */
  Optional<StepRef> findByRequest(String requestId);

  /** A step of a run. */
  record StepRef(String runId, int index) {}
}
