package dev.warden.core.gate;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.approval.ApprovalStore.VoteResult;
import dev.warden.core.approval.Directory;
import dev.warden.core.approval.ExpiryScheduler;
import dev.warden.core.approval.Vote;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditRecord;
import dev.warden.core.gate.VoteOutcome.Refusal;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.policy.Approver;
import dev.warden.core.policy.Decision;
import dev.warden.core.policy.FreezeSwitch;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.PolicyEngine;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.Situation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path from a proposed action to its execution. Every call is decided by the policy engine
 * under the current policy set, recorded in the audit log, and only then acted on:
 *
 * <ul>
 *   <li>autonomous: executed at once, and the result recorded;
 *   <li>approve-first: an approval request bound to the action's hash is stored and its expiry
 *       scheduled; the action runs when enough votes arrive through {@link #approve};
 *   <li>passive: returned as a suggestion for a person; nothing runs;
 *   <li>deny: refused.
 * </ul>
 *
 * <p>Votes are checked at the moment they are cast, against the current policies: the voter must be
 * named by the rule that now decides the action, must not be its requester or Warden itself, must
 * have seen the exact action (its hash), and may vote once. One denial ends a request. Exactly one
 * of several concurrent votes completing the quorum executes the action.
 */
public final class ActionGate {
  private static final Logger log = LoggerFactory.getLogger(ActionGate.class);

  private final PolicyEngine engine;
  private final Supplier<PolicySet> policies;
  private final FreezeSwitch freezeSwitch;
  private final ApprovalStore approvals;
  private final ExpiryScheduler expiry;
  private final AuditLog audit;
  private final Directory directory;
  private final Map<String, ActionExecutor> executors;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Set<String> wardenIdentities;
  private final GateListener listener;

  private ActionGate(Builder builder) {
    this.engine = new PolicyEngine();
    this.policies = Objects.requireNonNull(builder.policies, "policies");
    this.freezeSwitch = Objects.requireNonNull(builder.freezeSwitch, "freezeSwitch");
    this.approvals = Objects.requireNonNull(builder.approvals, "approvals");
    this.audit = Objects.requireNonNull(builder.audit, "audit");
    this.expiry = builder.expiry;
    this.directory = builder.directory;
    this.clock = builder.clock;
    this.ids = builder.ids;
    this.wardenIdentities = Set.copyOf(builder.wardenIdentities);
    this.listener = builder.listener;
    Map<String, ActionExecutor> byKind = new HashMap<>();
    List<ActionExecutor> all = new ArrayList<>(builder.executors);
    all.add(new FreezeExecutor(freezeSwitch, clock));
    for (ActionExecutor executor : all) {
      for (String kind : executor.kinds()) {
        ActionExecutor previous = byKind.putIfAbsent(kind, executor);
        if (previous != null) {
          throw new IllegalArgumentException(
              "two executors for " + kind + ": " + previous + " and " + executor);
        }
      }
    }
    this.executors = Map.copyOf(byKind);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Decides the action, records the decision, and acts on it. */
  public GateOutcome submit(ProposedAction action) {
    return submit(action, ids.get());
  }

  /**
   * Decides the action, records the decision, and acts on it; an approval request, if one is
   * needed, gets the id {@code requestId}. A caller that records the id before submitting (a
   * runbook run) can tell after a crash whether the request was opened. The id must be as
   * unguessable as the gate's own.
   */
  public GateOutcome submit(ProposedAction action, String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    Decision decision = engine.decide(policies.get(), action, situation());
    audit.append(record("decision", decision.decidedAt(), AuditBodies.decision(decision)));
    decision
        .shadow()
        .ifPresent(
            shadow ->
                audit.append(
                    record(
                        "shadow",
                        decision.decidedAt(),
                        AuditBodies.shadow(decision, shadow.rule()))));
    log.info(
        "decision kind={} level={} rule={} hash={}",
        action.kind(),
        decision.level().wireName(),
        decision.rule().orElse("-"),
        decision.actionHash());
    switch (decision.level()) {
      case AUTONOMOUS:
        Permit permit =
            new Permit(
                action,
                decision.actionHash(),
                "rule " + decision.rule().orElseThrow(),
                decision.decidedAt());
        return new GateOutcome.Executed(decision, run(permit, Optional.empty()));
      case APPROVE_FIRST:
        return new GateOutcome.AwaitingApproval(decision, open(decision, requestId));
      case PASSIVE:
        return new GateOutcome.Suggested(decision);
      default:
        return new GateOutcome.Refused(decision);
    }
  }

  private ApprovalRequest open(Decision decision, String requestId) {
    ApprovalRequirement requirement = decision.approvals().orElseThrow();
    Optional<String> preview = preview(decision.action());
    // the precision the database keeps, so the request reads back as it was made
    Instant now = decision.decidedAt().truncatedTo(ChronoUnit.MICROS);
    ApprovalRequest request =
        new ApprovalRequest(
            requestId,
            decision.action(),
            decision.actionHash(),
            decision.rule(),
            requirement,
            now,
            now.plus(requirement.ttl()),
            ApprovalState.PENDING,
            List.of(),
            Optional.empty(),
            preview);
    approvals.create(request);
    audit.append(record("approval.requested", now, AuditBodies.requested(request)));
    expiry.schedule(request.id(), request.expiresAt());
    tell(request.id(), () -> listener.opened(request));
    return request;
  }

  /**
   * What the action would change, from its executor's dry run, for the people asked to approve it.
   * A preview that fails says so; it never stops the request.
   */
  private Optional<String> preview(ProposedAction action) {
    ActionExecutor executor = executors.get(action.kind());
    if (executor == null) {
      return Optional.empty();
    }
    try {
      return executor.preview(action);
    } catch (RuntimeException e) {
      log.warn("preview failed kind={} error={}", action.kind(), e.toString());
      return Optional.of("no preview: the dry run failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Counts an approval of the request by {@code userId}, who was shown the action with hash {@code
   * presentedHash}; executes the action when this vote completes the quorum.
   */
  public VoteOutcome approve(String requestId, String userId, String presentedHash) {
    Instant now = clock.instant();
    Checked checked = check(requestId, userId, now, true);
    if (checked.refused != null) {
      return refuse(requestId, userId, checked.refused, now);
    }
    ApprovalRequest request = checked.request;
    if (!request.actionHash().equals(presentedHash)) {
      return refuse(
          requestId,
          userId,
          new VoteOutcome.Refused(
              Refusal.ACTION_CHANGED,
              "the action shown to you ("
                  + presentedHash
                  + ") is not the action of this request ("
                  + request.actionHash()
                  + "); ask for a new request"),
          now);
    }
    int needed = Math.max(request.requirement().min(), checked.current.min());
    VoteResult result = approvals.addVote(requestId, new Vote(userId, true, now, Optional.empty()));
    if (result == VoteResult.DUPLICATE) {
      return refuse(
          requestId,
          userId,
          new VoteOutcome.Refused(Refusal.ALREADY_VOTED, "your vote is already counted"),
          now);
    }
    if (result != VoteResult.ADDED) {
      return refuse(requestId, userId, notPending(requestId), now);
    }
    ApprovalRequest updated = approvals.find(requestId).orElseThrow();
    audit.append(
        record("approval.vote", now, AuditBodies.vote(updated, userId, true, Optional.empty())));
    long approvalsSoFar = updated.approvals();
    if (approvalsSoFar < needed
        || !approvals.transition(
            requestId,
            ApprovalState.PENDING,
            ApprovalState.APPROVED,
            now,
            approvalsSoFar + " approvals")) {
      tell(requestId, () -> listener.voted(updated));
      return new VoteOutcome.Counted(updated, approvalsSoFar, needed);
    }
    audit.append(record("approval.approved", now, AuditBodies.state(updated, "approved")));
    ExecutionResult executed = runApproved(updated, now);
    return new VoteOutcome.Executed(approvals.find(requestId).orElseThrow(), executed);
  }

  /** Denies the request: one denial by an authorised approver (or by its requester) ends it. */
  public VoteOutcome deny(String requestId, String userId, String reason) {
    Instant now = clock.instant();
    Checked checked = check(requestId, userId, now, false);
    if (checked.refused != null) {
      return refuse(requestId, userId, checked.refused, now);
    }
    VoteResult result =
        approvals.addVote(requestId, new Vote(userId, false, now, Optional.of(reason)));
    if (result == VoteResult.NOT_PENDING || result == VoteResult.NOT_FOUND) {
      return refuse(requestId, userId, notPending(requestId), now);
    }
    // a person who approved earlier may still deny: the denial ends the request either way
    if (!approvals.transition(
        requestId, ApprovalState.PENDING, ApprovalState.DENIED, now, userId + ": " + reason)) {
      return refuse(requestId, userId, notPending(requestId), now);
    }
    ApprovalRequest denied = approvals.find(requestId).orElseThrow();
    audit.append(
        record(
            "approval.denied", now, AuditBodies.vote(denied, userId, false, Optional.of(reason))));
    notifyClosed(denied);
    return new VoteOutcome.Denied(denied);
  }

  /**
   * Expires the request if it is still pending and its TTL has run out; called by the durable
   * expiry timer.
   *
   * @return whether this call expired it
   */
  public boolean expire(String requestId) {
    Instant now = clock.instant();
    Optional<ApprovalRequest> request = approvals.find(requestId);
    if (request.isEmpty()
        || request.get().state() != ApprovalState.PENDING
        || !request.get().expiredAt(now)) {
      return false;
    }
    if (!approvals.transition(
        requestId, ApprovalState.PENDING, ApprovalState.EXPIRED, now, "ttl ran out")) {
      return false;
    }
    audit.append(record("approval.expired", now, AuditBodies.state(request.get(), "expired")));
    log.info("approval expired id={} kind={}", requestId, request.get().action().kind());
    approvals.find(requestId).ifPresent(this::notifyClosed);
    return true;
  }

  /**
   * Withdraws a pending request that its requester no longer needs (the runbook run was cancelled,
   * its step ran out of time): no vote can execute it any more.
   *
   * @return whether this call withdrew it
   */
  public boolean withdraw(String requestId, String reason) {
    Instant now = clock.instant();
    if (!approvals.transition(
        requestId, ApprovalState.PENDING, ApprovalState.WITHDRAWN, now, reason)) {
      return false;
    }
    ApprovalRequest withdrawn = approvals.find(requestId).orElseThrow();
    audit.append(record("approval.withdrawn", now, AuditBodies.state(withdrawn, "withdrawn")));
    log.info("approval withdrawn id={} kind={}", requestId, withdrawn.action().kind());
    notifyClosed(withdrawn);
    return true;
  }

  /**
   * Runs the action of a request that reached its quorum but whose execution was cut off (Warden
   * stopped between the approval and the result), once its caller has found, by looking at the
   * system, that the action did not take effect. The current policies must still allow it
   * (approve-first or autonomous); otherwise the request is withdrawn and nothing runs. Callers
   * make sure only one of them resumes a request at a time (the runbook engine calls it from the
   * run's single advance, which Quartz runs once at a time across replicas), and only after the
   * approver's own execution had time to finish.
   *
   * @return the result, or empty when the request is not approved-and-unexecuted or the policies no
   *     longer allow it
   */
  public Optional<ExecutionResult> resumeApproved(String requestId) {
    Optional<ApprovalRequest> found = approvals.find(requestId);
    if (found.isEmpty() || found.get().state() != ApprovalState.APPROVED) {
      return Optional.empty();
    }
    ApprovalRequest request = found.get();
    Instant now = clock.instant();
    Decision current = engine.decide(policies.get(), request.action(), situation(now));
    if (current.level() != Level.APPROVE_FIRST && current.level() != Level.AUTONOMOUS) {
      String why = "under the current policies this action is " + current.level().wireName();
      if (approvals.transition(
          requestId, ApprovalState.APPROVED, ApprovalState.WITHDRAWN, now, why)) {
        audit.append(record("approval.withdrawn", now, AuditBodies.state(request, "withdrawn")));
        approvals.find(requestId).ifPresent(this::notifyClosed);
      }
      return Optional.empty();
    }
    return Optional.of(runApproved(request, now));
  }

  /** Runs the action of an approved request under its approval and records it as executed. */
  private ExecutionResult runApproved(ApprovalRequest request, Instant now) {
    Permit permit =
        new Permit(request.action(), request.actionHash(), "approval " + request.id(), now);
    ExecutionResult executed = run(permit, Optional.of(request.id()));
    approvals.transition(
        request.id(),
        ApprovalState.APPROVED,
        ApprovalState.EXECUTED,
        clock.instant(),
        executed.summary());
    return executed;
  }

  private void notifyClosed(ApprovalRequest request) {
    tell(request.id(), () -> listener.closed(request));
  }

  /** Tells the listener; what it throws is logged, never passed on to the caller. */
  private static void tell(String requestId, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("gate listener failed id={} error={}", requestId, e.toString());
    }
  }

  private record Checked(
      ApprovalRequest request, ApprovalRequirement current, VoteOutcome.Refused refused) {}

  /** The checks approve and deny share: the request is open, unchanged, and the voter may vote. */
  private Checked check(String requestId, String userId, Instant now, boolean approving) {
    Optional<ApprovalRequest> found = approvals.find(requestId);
    if (found.isEmpty()) {
      return refused(
          new VoteOutcome.Refused(Refusal.NOT_FOUND, "no approval request " + requestId));
    }
    ApprovalRequest request = found.get();
    if (request.state() != ApprovalState.PENDING) {
      return refused(notPending(request));
    }
    if (request.expiredAt(now)) {
      expire(requestId);
      return refused(
          new VoteOutcome.Refused(
              Refusal.EXPIRED, "the request expired at " + request.expiresAt()));
    }
    if (!request.action().hash().equals(request.actionHash())) {
      return refused(
          new VoteOutcome.Refused(
              Refusal.ACTION_CHANGED,
              "the stored action no longer has the hash the request is bound to"));
    }
    if (wardenIdentities.contains(userId)) {
      return refused(
          new VoteOutcome.Refused(
              Refusal.WARDEN_IDENTITY, "Warden never votes on its own requests"));
    }
    Requester requester = request.action().requester();
    boolean isRequester =
        requester.type() == Requester.Type.PERSON && requester.id().equals(userId);
    if (approving && isRequester) {
      return refused(
          new VoteOutcome.Refused(
              Refusal.SELF_APPROVAL, "you asked for this action; someone else must approve it"));
    }
    PolicySet set = policies.get();
    Decision current = engine.decide(set, request.action(), situation(now));
    if (current.level() != Level.APPROVE_FIRST) {
      if (!approving && isRequester) {
        return new Checked(request, request.requirement(), null);
      }
      return refused(
          new VoteOutcome.Refused(
              Refusal.POLICY_CHANGED,
              "under the current policies this action is "
                  + current.level().wireName()
                  + (current.reasons().isEmpty()
                      ? ""
                      : " (" + String.join("; ", current.reasons()) + ")")));
    }
    ApprovalRequirement requirement = current.approvals().orElseThrow();
    boolean authorised =
        set.authorises(requirement, new Approver(userId, directory.membershipsOf(userId)));
    if (!authorised && !(isRequester && !approving)) {
      return refused(
          new VoteOutcome.Refused(
              Refusal.NOT_AUTHORISED,
              "you are not among the approvers of "
                  + current.rule().map(rule -> "rule " + rule).orElse("this action")
                  + " ("
                  + String.join(", ", requirement.approvers())
                  + ")"));
    }
    return new Checked(request, requirement, null);
  }

  private static Checked refused(VoteOutcome.Refused refused) {
    return new Checked(null, null, refused);
  }

  private VoteOutcome.Refused notPending(String requestId) {
    return approvals
        .find(requestId)
        .map(ActionGate::notPending)
        .orElse(new VoteOutcome.Refused(Refusal.NOT_FOUND, "no approval request " + requestId));
  }

  private static VoteOutcome.Refused notPending(ApprovalRequest request) {
    String what =
        switch (request.state()) {
          case APPROVED, EXECUTED -> "was already approved and used";
          case DENIED -> "was denied";
          case EXPIRED -> "expired at " + request.expiresAt();
          case WITHDRAWN -> "was withdrawn";
          case PENDING -> "is pending";
        };
    return new VoteOutcome.Refused(Refusal.NOT_PENDING, "the request " + what);
  }

  private VoteOutcome refuse(
      String requestId, String userId, VoteOutcome.Refused refused, Instant now) {
    audit.append(
        record(
            "approval.refused",
            now,
            AuditBodies.refused(requestId, userId, refused.refusal().name(), refused.message())));
    log.info("vote refused id={} user={} refusal={}", requestId, userId, refused.refusal().name());
    return refused;
  }

  private ExecutionResult run(Permit permit, Optional<String> requestId) {
    ActionExecutor executor = executors.get(permit.action().kind());
    ExecutionResult result;
    if (executor == null) {
      result =
          ExecutionResult.failed(
              "no executor for " + permit.action().kind() + " is configured; nothing ran");
    } else {
      try {
        result = executor.execute(permit);
      } catch (RuntimeException e) {
        log.warn("execution failed kind={} error={}", permit.action().kind(), e.toString());
        result = ExecutionResult.failed("failed: " + e.getClass().getSimpleName());
      }
    }
    audit.append(
        record("execution", clock.instant(), AuditBodies.execution(permit, requestId, result)));
    try {
      listener.executed(permit, requestId, result);
    } catch (RuntimeException e) {
      log.warn("gate listener failed kind={} error={}", permit.action().kind(), e.toString());
    }
    return result;
  }

  private Situation situation() {
    return situation(clock.instant());
  }

  private Situation situation(Instant now) {
    return new Situation(now, freezeSwitch.current());
  }

  private static AuditRecord record(String type, Instant at, String body) {
    return new AuditRecord(type, at, body);
  }

  /** Wires a gate; policies, freeze switch, approval store and audit log are required. */
  public static final class Builder {
    private Supplier<PolicySet> policies;
    private FreezeSwitch freezeSwitch;
    private ApprovalStore approvals;
    private AuditLog audit;
    private ExpiryScheduler expiry = ExpiryScheduler.NONE;
    private Directory directory = Directory.NONE;
    private final List<ActionExecutor> executors = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Supplier<String> ids = () -> UUID.randomUUID().toString();
    private Set<String> wardenIdentities = Set.of();
    private GateListener listener = GateListener.NONE;

    private Builder() {}

    /** Where the current policy set comes from; asked at every decision and vote. */
    public Builder policies(Supplier<PolicySet> policies) {
      this.policies = policies;
      return this;
    }

    public Builder freezeSwitch(FreezeSwitch freezeSwitch) {
      this.freezeSwitch = freezeSwitch;
      return this;
    }

    public Builder approvals(ApprovalStore approvals) {
      this.approvals = approvals;
      return this;
    }

    public Builder audit(AuditLog audit) {
      this.audit = audit;
      return this;
    }

    public Builder expiry(ExpiryScheduler expiry) {
      this.expiry = Objects.requireNonNull(expiry, "expiry");
      return this;
    }

    public Builder directory(Directory directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public Builder executors(Collection<? extends ActionExecutor> executors) {
      this.executors.addAll(executors);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Source of request ids; they must be unguessable (the default is a random UUID). */
    public Builder ids(Supplier<String> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Warden's own user ids (its Slack bot user), which may never vote. */
    public Builder wardenIdentities(Set<String> wardenIdentities) {
      this.wardenIdentities = Objects.requireNonNull(wardenIdentities, "wardenIdentities");
      return this;
    }

    /** Who hears of executions and closed requests (the runbook engine). */
    public Builder listener(GateListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public ActionGate build() {
      return new ActionGate(this);
    }
  }
}
