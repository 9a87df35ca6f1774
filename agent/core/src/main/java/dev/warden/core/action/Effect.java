package dev.warden.core.action;

/** What an action kind does to the world, which decides how the built-in guards treat it. */
public enum Effect {
  /** Reads state and changes nothing (a look-up, a log tail, an HTTP health check). */
  READ,
  /**
   * Posts a message (Slack, a pull-request comment) and changes no system. Not read-only, but not a
   * mutation of infrastructure either: the taint guard does not apply to it.
   */
  COMMUNICATE,
  /** Changes a system: restarts, scaling, deletes, approvals on GitHub, Warden's own switches. */
  MUTATE
}
