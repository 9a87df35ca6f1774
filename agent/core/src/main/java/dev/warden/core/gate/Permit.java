package dev.warden.core.gate;

import dev.warden.core.action.ProposedAction;
import java.time.Instant;

/**
 * Permission to execute one exact action, once. Only {@link ActionGate} can issue one: after an
 * autonomous decision, or when an approval request reaches its quorum. Executors accept nothing
 * else, so no code path reaches an executor around the policy engine.
 */
public final class Permit {
  private final ProposedAction action;
  private final String actionHash;
  private final String basis;
  private final Instant issuedAt;

  Permit(ProposedAction action, String actionHash, String basis, Instant issuedAt) {
    if (!action.hash().equals(actionHash)) {
      throw new IllegalStateException("a permit must be bound to the hash of its own action");
    }
    this.action = action;
    this.actionHash = actionHash;
    this.basis = basis;
    this.issuedAt = issuedAt;
  }

  /** The action to execute, exactly as decided or approved. */
  public ProposedAction action() {
    return action;
  }

  /** The canonical hash of the action. */
  public String actionHash() {
    return actionHash;
  }

  /** Why it may run: {@code rule <name>} or {@code approval <request id>}. */
  public String basis() {
    return basis;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  @Override
  public String toString() {
    return "Permit[" + action.kind() + " " + actionHash + " by " + basis + "]";
  }
}
