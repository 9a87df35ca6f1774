package dev.warden.core.integration;

import java.util.Objects;

/**
 * Whether an integration can be used, and if not, why.
 *
 * @param enabled whether it is configured and usable
 * @param detail for an enabled integration what it does; for a disabled one what to configure
 */
public record Availability(boolean enabled, String detail) {

  public Availability {
    Objects.requireNonNull(detail, "detail");
  }

  public static Availability enabled(String detail) {
    return new Availability(true, detail);
  }

  /** Disabled, with the reason a person can act on, e.g. {@code no warden.slack.bot-token}. */
  public static Availability disabled(String reason) {
    return new Availability(false, reason);
  }

  /** {@code enabled: ...} or {@code disabled: ...}, as the health endpoint shows it. */
  @Override
  public String toString() {
    return (enabled ? "enabled: " : "disabled: ") + detail;
  }
}
