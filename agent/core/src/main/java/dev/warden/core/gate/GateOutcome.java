package dev.warden.core.gate;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.policy.Decision;

/** What the gate did with a proposed action. */
public sealed interface GateOutcome {
  /** The decision behind the outcome. */
  Decision decision();

  /** Autonomous: it ran, with this result. */
  record Executed(Decision decision, ExecutionResult result) implements GateOutcome {}

  /** Approve-first: a request is open and waits for votes. */
  record AwaitingApproval(Decision decision, ApprovalRequest request) implements GateOutcome {}

  /** Passive: show a human what to run; nothing ran. */
  record Suggested(Decision decision) implements GateOutcome {}

  /** Deny: nothing ran and nothing is suggested. */
  record Refused(Decision decision) implements GateOutcome {}
}
