package dev.warden.core.gate;

import dev.warden.core.approval.ApprovalRequest;

/** What the gate did with a vote on an approval request. */
public sealed interface VoteOutcome {
  /** Why a vote was refused. */
  enum Refusal {
    /** No request has that id. */
    NOT_FOUND,
    /** The request was already approved and used, denied or expired. */
    NOT_PENDING,
    /** Its TTL ran out. */
    EXPIRED,
    /** The action shown to the voter is not the action the request is bound to. */
    ACTION_CHANGED,
    /** The voter asked for the action. */
    SELF_APPROVAL,
    /** The voter is Warden itself. */
    WARDEN_IDENTITY,
    /** The rule that now decides the action does not name the voter. */
    NOT_AUTHORISED,
    /** Under the current policies the action no longer needs approval (frozen, denied, ...). */
    POLICY_CHANGED,
    /** The voter has already voted on this request. */
    ALREADY_VOTED
  }

  /**
   * The vote counted and did not complete the quorum: more approvals are needed, or another vote
   * cast at the same moment completed it ({@link #progress}).
   */
  record Counted(ApprovalRequest request, long approvals, int needed) implements VoteOutcome {
    /** {@code 1 of 2}; or, when a concurrent vote completed the request, saying so. */
    public String progress() {
      return approvals < needed
          ? approvals + " of " + needed
          : "the request already has the " + needed + " it needs";
    }
  }

  /** The vote completed the quorum; the action ran with this result. */
  record Executed(ApprovalRequest request, ExecutionResult result) implements VoteOutcome {}

  /** The vote was a denial and ended the request. */
  record Denied(ApprovalRequest request) implements VoteOutcome {}

  /** The vote was not counted. */
  record Refused(Refusal refusal, String message) implements VoteOutcome {}
}
