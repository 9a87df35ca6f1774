package dev.warden.core.runbook.run;

import java.util.Locale;

/** Where a runbook run stands. */
public enum RunState {
  /** Created; no step has started. */
  PROPOSED,
  /** Working through its steps (including waits for a condition). */
  RUNNING,
  /** A step waits for people to approve it. */
  AWAITING_APPROVAL,
  /** A step failed with {@code on-failure: rollback}; the rollback steps are running. */
  ROLLING_BACK,
  /** Every step is done; none failed, or the failures were to be ignored. */
  SUCCEEDED,
  /** A step failed (or was denied, refused, timed out) and the run stopped. */
  FAILED,
  /** Someone cancelled it. */
  CANCELLED,
  /** A step failed and the rollback steps all succeeded. */
  ROLLED_BACK;

  /** Whether the run is over: nothing will change it any more. */
  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == ROLLED_BACK;
  }

  /** The lower-case name with dashes, as shown to people ({@code awaiting-approval}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
