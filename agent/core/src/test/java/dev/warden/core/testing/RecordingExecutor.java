package dev.warden.core.testing;

import dev.warden.core.gate.ActionExecutor;
import dev.warden.core.gate.ExecutionResult;
import dev.warden.core.gate.Permit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** An executor that records the permits it was given and succeeds. */
public final class RecordingExecutor implements ActionExecutor {
  private final Set<String> kinds;
  private final List<Permit> executed = new CopyOnWriteArrayList<>();

  public RecordingExecutor(String... kinds) {
    this.kinds = Set.of(kinds);
  }

  @Override
  public Set<String> kinds() {
    return kinds;
  }

  @Override
  public ExecutionResult execute(Permit permit) {
    executed.add(permit);
    return ExecutionResult.succeeded("ran " + permit.action().kind());
  }

  /** The permits executed so far, in order. */
  public List<Permit> executed() {
    return List.copyOf(executed);
  }
}
