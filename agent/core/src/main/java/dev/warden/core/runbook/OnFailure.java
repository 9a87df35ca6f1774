package dev.warden.core.runbook;

import java.util.Locale;

/** What a runbook does when a step fails. */
public enum OnFailure {
  /** Stop the runbook (the default). */
  STOP,
  /** Go on with the next step. */
  CONTINUE,
  /** Run the runbook's rollback steps, then stop. */
  ROLLBACK;

  /** The name as written in a runbook file. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value of that name.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static OnFailure fromWire(String name) {
    for (OnFailure value : values()) {
      if (value.wireName().equals(name)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown on-failure '" + name + "'");
  }
}
