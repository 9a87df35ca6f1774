package dev.warden.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A change freeze: from {@code from} (inclusive) to {@code to} (exclusive) every action is at least
 * passive, except the kinds it exempts.
 *
 * @param name unique across all policy files
 * @param from start of the window
 * @param to end of the window, after {@code from}
 * @param reason why, for people
 * @param except globs of action kinds the freeze leaves alone (say, read-only look-ups)
 * @param origin where it was defined
 */
public record Freeze(
    String name,
    Instant from,
    Instant to,
    Optional<String> reason,
    List<Glob> except,
    Origin origin) {
  public Freeze {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
    except = List.copyOf(except);
    Objects.requireNonNull(origin, "origin");
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException(
          "freeze " + name + " ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** Whether the freeze holds at {@code now} for an action of that kind. */
  public boolean covers(Instant now, String kind) {
    if (now.isBefore(from) || !now.isBefore(to)) {
      return false;
    }
    return except.stream().noneMatch(glob -> glob.matches(kind));
  }
}
