package dev.warden.core.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decision depends on besides the action and the policies.
 *
 * @param now the time of the decision (freezes, CEL's {@code now})
 * @param globalFreeze the global freeze switch, when on
 */
public record Situation(Instant now, Optional<GlobalFreeze> globalFreeze) {
  public Situation {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(globalFreeze, "globalFreeze");
  }

  /** No global freeze. */
  public static Situation at(Instant now) {
    return new Situation(now, Optional.empty());
  }
}
