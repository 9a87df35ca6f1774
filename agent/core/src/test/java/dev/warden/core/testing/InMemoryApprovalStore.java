package dev.warden.core.testing;

import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.Vote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake {@link ApprovalStore} in memory, atomic like the database one. Synchronized. */
public final class InMemoryApprovalStore implements ApprovalStore {
  private final Map<String, ApprovalRequest> requests = new LinkedHashMap<>();

  @Override
  public synchronized void create(ApprovalRequest request) {
    if (requests.putIfAbsent(request.id(), request) != null) {
      throw new IllegalStateException("request " + request.id() + " exists");
    }
  }

  @Override
  public synchronized Optional<ApprovalRequest> find(String id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public synchronized VoteResult addVote(String requestId, Vote vote) {
    ApprovalRequest request = requests.get(requestId);
    if (request == null) {
      return VoteResult.NOT_FOUND;
    }
    if (request.state() != ApprovalState.PENDING) {
      return VoteResult.NOT_PENDING;
    }
    if (request.votes().stream().anyMatch(v -> v.approverId().equals(vote.approverId()))) {
      return VoteResult.DUPLICATE;
    }
    List<Vote> votes = new ArrayList<>(request.votes());
    votes.add(vote);
    requests.put(requestId, with(request, request.state(), votes, request.note()));
    return VoteResult.ADDED;
  }

  @Override
  public synchronized boolean transition(
      String requestId, ApprovalState from, ApprovalState to, Instant at, String note) {
    ApprovalRequest request = requests.get(requestId);
    if (request == null || request.state() != from) {
      return false;
    }
    requests.put(requestId, with(request, to, request.votes(), Optional.of(note)));
    return true;
  }

  @Override
  public synchronized List<ApprovalRequest> pending() {
    return requests.values().stream()
        .filter(request -> request.state() == ApprovalState.PENDING)
        .sorted(Comparator.comparing(ApprovalRequest::requestedAt))
        .toList();
  }

  /** Replaces a stored request as it is, bypassing every check: for tampering tests. */
  public synchronized void overwrite(ApprovalRequest request) {
    requests.put(request.id(), request);
  }

  private static ApprovalRequest with(
      ApprovalRequest request, ApprovalState state, List<Vote> votes, Optional<String> note) {
    return new ApprovalRequest(
        request.id(),
        request.action(),
        request.actionHash(),
        request.rule(),
        request.requirement(),
        request.requestedAt(),
        request.expiresAt(),
        state,
        votes,
        note,
        request.preview());
  }
}
