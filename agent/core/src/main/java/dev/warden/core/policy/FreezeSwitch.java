package dev.warden.core.policy;

import java.util.Optional;

/**
 * The global freeze switch, stored where every replica sees it. The application keeps it in the
 * database; only the {@code warden.freeze} action (through the gate) changes it.
 */
public interface FreezeSwitch {
  /** The freeze, when it is on. */
  Optional<GlobalFreeze> current();

  /** Switches the freeze on (or updates its reason). */
  void switchOn(GlobalFreeze freeze);

  /** Switches the freeze off; nothing happens when it is off. */
  void switchOff();
}
