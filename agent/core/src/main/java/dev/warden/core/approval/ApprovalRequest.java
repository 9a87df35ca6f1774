package dev.warden.core.approval;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.policy.ApprovalRequirement;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A persisted request to approve one exact action.
 *
 * @param id unguessable identifier, used in buttons and commands
 * @param action the action as decided; executing it needs its hash to still be {@code actionHash}
 * @param actionHash the canonical hash the request is bound to
 * @param rule the rule that required approval (empty when a built-in guard did)
 * @param requirement approvers, how many, TTL, as decided
 * @param requestedAt when the request was made
 * @param expiresAt when it expires unless approved or denied
 * @param state where it stands
 * @param votes the votes so far, in order
 * @param note the last state change's note (who denied and why, what the execution returned)
 * @param preview what the action would change, from a dry run before the request was opened
 */
public record ApprovalRequest(
    String id,
    ProposedAction action,
    String actionHash,
    Optional<String> rule,
    ApprovalRequirement requirement,
    Instant requestedAt,
    Instant expiresAt,
    ApprovalState state,
    List<Vote> votes,
    Optional<String> note,
    Optional<String> preview) {
  public ApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actionHash, "actionHash");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    votes = List.copyOf(votes);
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(preview, "preview");
  }

  /** A request without a preview. */
  public ApprovalRequest(
      String id,
      ProposedAction action,
      String actionHash,
      Optional<String> rule,
      ApprovalRequirement requirement,
      Instant requestedAt,
      Instant expiresAt,
      ApprovalState state,
      List<Vote> votes,
      Optional<String> note) {
    this(
        id,
        action,
        actionHash,
        rule,
        requirement,
        requestedAt,
        expiresAt,
        state,
        votes,
        note,
        Optional.empty());
  }

  /** The distinct people who approved so far. */
  public long approvals() {
    return votes.stream().filter(Vote::approve).map(Vote::approverId).distinct().count();
  }

  /** Whether the TTL has run out at {@code now}. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
