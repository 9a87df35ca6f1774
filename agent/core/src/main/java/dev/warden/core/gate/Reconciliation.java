package dev.warden.core.gate;

import java.util.Objects;

/**
 * Whether an action that may have been cut off (Warden stopped while it ran) took effect, found by
 * looking at the system it acts on. An action is never run a second time blindly: only {@link
 * NotApplied} allows running it again.
 */
public sealed interface Reconciliation {
  /** The change is there (the object carries the change id, the replicas are as asked). */
  record Applied(ExecutionResult result) implements Reconciliation {
    public Applied {
      Objects.requireNonNull(result, "result");
    }
  }

  /** The change is not there; running the action again is safe. */
  record NotApplied(String reason) implements Reconciliation {
    public NotApplied {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The system cannot tell; a person must look. */
  record Unknown(String reason) implements Reconciliation {
    public Unknown {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
