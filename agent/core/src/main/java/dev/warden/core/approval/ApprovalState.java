package dev.warden.core.approval;

/** Where an approval request stands. Only {@link #PENDING} accepts votes. */
public enum ApprovalState {
  /** Waiting for votes. */
  PENDING,
  /** Enough approvals; the action is being executed (once, by whoever moved it here). */
  APPROVED,
  /** Approved and executed; the result is in the audit log. */
  EXECUTED,
  /** Someone authorised denied it. */
  DENIED,
  /** Its TTL ran out before enough approvals. */
  EXPIRED,
  /** Whoever asked no longer needs it (the runbook run was cancelled or its step timed out). */
  WITHDRAWN
}
