package dev.warden.core.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * The global freeze switch, when it is on: every action is at least passive, except switching the
 * freeze itself ({@code warden.freeze}), so that it can be switched off again.
 *
 * @param reason why it was switched on
 * @param by who switched it on
 * @param since when
 */
public record GlobalFreeze(String reason, String by, Instant since) {
  public GlobalFreeze {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(since, "since");
  }
}
