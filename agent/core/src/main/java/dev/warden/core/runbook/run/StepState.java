package dev.warden.core.runbook.run;

import java.util.Locale;

/** Where one step of a run stands. */
public enum StepState {
  /** Not started. */
  PENDING,
  /**
   * Submitted to the gate and not yet known to be done: running, or cut off by a crash. A step
   * found in this state when a run resumes is reconciled with the cluster, never run blindly.
   */
  SUBMITTED,
  /** Waits for the approval request with the step's request id. */
  AWAITING_APPROVAL,
  /** A {@code wait.until} step checking its condition again until its time is up. */
  WAITING,
  /** It ran and did what it was asked. */
  SUCCEEDED,
  /** It ran and failed, timed out, was denied or could not be rendered. */
  FAILED,
  /** The policy made it passive: its equivalent command is shown to people; it did not run. */
  SUGGESTED,
  /** Never started: the run stopped or was cancelled before it. */
  SKIPPED;

  /** Whether the step is over. */
  public boolean done() {
    return this == SUCCEEDED || this == FAILED || this == SUGGESTED || this == SKIPPED;
  }

  /** The lower-case name with dashes ({@code awaiting-approval}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
