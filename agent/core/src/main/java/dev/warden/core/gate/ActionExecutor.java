package dev.warden.core.gate;

import dev.warden.core.action.ProposedAction;
import java.util.Optional;
import java.util.Set;

/**
 * Runs actions of some kinds against a real system (Kubernetes, GitHub, Slack). Adapters implement
 * it; the gate is its only caller for {@link #execute}.
 */
public interface ActionExecutor {
  /**
   * The parameter of a mutating action that identifies the one change it makes, when its requester
   * gives one (a runbook run gives {@code <run id>/<step id>}). Executors record it on what they
   * change, so that {@link #reconcile} can tell whether the change was made.
   */
  String CHANGE_ID = "change-id";

  /** The action kinds this executor runs. */
  Set<String> kinds();

  /**
   * Runs the permitted action. Expected failures (the deployment does not exist, the API said no)
   * are a {@link ExecutionResult#failed} value; an exception is a fault, which the gate records as
   * a failure too.
   */
  ExecutionResult execute(Permit permit);

  /**
   * What the action would change, for the people asked to approve it, found without changing
   * anything (a server-side dry run); empty when the executor cannot tell. A failure to preview is
   * described in the text, not thrown.
   */
  default Optional<String> preview(ProposedAction action) {
    return Optional.empty();
  }

  /**
   * Whether the action, which may have been cut off, took effect. The default: an action that
   * changes nothing may simply run again; for any other the executor cannot tell.
   */
  default Reconciliation reconcile(ProposedAction action) {
    return action.mutating()
        ? new Reconciliation.Unknown(
            "cannot tell whether " + action.kind() + " took effect; check by hand")
        : new Reconciliation.NotApplied("it changes nothing, so it runs again");
  }
}
