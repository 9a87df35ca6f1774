package dev.warden.core.gate;

import dev.warden.core.action.ProposedAction;
import java.time.Instant;

/**
 * Permits for executor tests, which call an executor without a gate in front. In the gate's package
 * because only the gate may issue a permit in production code.
 */
public final class TestPermits {
  private TestPermits() {}

  public static Permit of(ProposedAction action) {
    return new Permit(action, action.hash(), "test", Instant.parse("2026-11-27T12:00:00Z"));
  }
}
