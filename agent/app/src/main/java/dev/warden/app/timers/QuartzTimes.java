package dev.warden.app.timers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** When to set a Quartz trigger so that it fires at, never before, a given instant. */
public final class QuartzTimes {
  /** Quartz fires a trigger when at most this many milliseconds are left. */
  static final long QUARTZ_FIRES_EARLY_MILLIS = 2;

  private QuartzTimes() {}

  /**
   * The trigger time for {@code at}: Quartz counts in milliseconds (rounding down would fire before
   * the instant) and fires a trigger when at most {@value #QUARTZ_FIRES_EARLY_MILLIS} ms are left;
   * a timer that fired early would only find its time not up and set itself again.
   */
  public static Instant fireTime(Instant at) {
    Instant millis = at.truncatedTo(ChronoUnit.MILLIS);
    Instant roundedUp = millis.equals(at) ? at : millis.plusMillis(1);
    return roundedUp.plusMillis(QUARTZ_FIRES_EARLY_MILLIS);
  }
}
