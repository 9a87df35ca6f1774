package dev.warden.core.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where approval requests live. Implementations make {@link #addVote} and {@link #transition}
 * atomic with respect to each other, across threads and replicas: the gate relies on that for "a
 * double click counts once", "one deny ends the request" and "executed once".
 */
public interface ApprovalStore {
  /** What {@link #addVote} did. */
  enum VoteResult {
    /** The vote was recorded. */
    ADDED,
    /** This person had already voted on the request; nothing changed. */
    DUPLICATE,
    /** The request is no longer pending; nothing changed. */
    NOT_PENDING,
    /** There is no such request. */
    NOT_FOUND
  }

  /** Stores a new request (state {@link ApprovalState#PENDING}, no votes). */
  void create(ApprovalRequest request);

  /** The request with its votes, or empty. */
  Optional<ApprovalRequest> find(String id);

  /** Records a vote if the request is pending and the voter has not voted on it. */
  VoteResult addVote(String requestId, Vote vote);

  /**
   * Moves the request from {@code from} to {@code to} if it is in {@code from}; exactly one of
   * several concurrent callers with the same {@code from} succeeds.
   *
   * @return whether this call made the change
   */
  boolean transition(
      String requestId, ApprovalState from, ApprovalState to, Instant at, String note);

  /** Requests that are still pending, oldest first. */
  List<ApprovalRequest> pending();
}
