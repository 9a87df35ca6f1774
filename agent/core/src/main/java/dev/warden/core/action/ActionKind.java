package dev.warden.core.action;

import java.util.Objects;

/**
 * One kind of action Warden knows how to propose.
 *
 * @param name the kind's name, {@code system.verb} ({@code kubernetes.rollout-restart})
 * @param effect whether it reads, communicates or mutates
 * @param description one line for people ({@code ./warden policy check}, docs)
 */
public record ActionKind(String name, Effect effect, String description) {
  public ActionKind {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(description, "description");
  }

  /** Whether this kind only reads: it changes no system and posts nothing. */
  public boolean readOnly() {
    return effect == Effect.READ;
  }

  /** Whether this kind changes a system; tainted mutations are never autonomous. */
  public boolean mutating() {
    return effect == Effect.MUTATE;
  }
}
