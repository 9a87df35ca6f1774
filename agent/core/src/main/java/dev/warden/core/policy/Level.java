package dev.warden.core.policy;

import java.util.Locale;

/**
 * What Warden may do with an action, from the least to the most restrictive. When several rules
 * match, the most restrictive wins.
 */
public enum Level {
  /** Execute and report. */
  AUTONOMOUS,
  /** Execute only after enough distinct, authorised approvals of this exact action. */
  APPROVE_FIRST,
  /** Show the human what to run; never execute. */
  PASSIVE,
  /** Refuse; not even a suggestion. */
  DENY;

  private final String wireName = name().toLowerCase(Locale.ROOT).replace('_', '-');

  /** The name used in policy files and JSON ({@code approve-first}). */
  public String wireName() {
    return wireName;
  }

  /**
   * The level of that wire name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static Level fromWire(String name) {
    for (Level level : values()) {
      if (level.wireName().equals(name)) {
        return level;
      }
    }
    throw new IllegalArgumentException(
        "level must be autonomous, approve-first, passive or deny, not '" + name + "'");
  }

  /** The more restrictive of the two. */
  public Level atLeast(Level other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** Whether this level is more restrictive than {@code other}. */
  public boolean stricterThan(Level other) {
    return compareTo(other) > 0;
  }
}
