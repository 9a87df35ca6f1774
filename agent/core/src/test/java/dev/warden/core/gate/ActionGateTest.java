package dev.warden.core.gate;

import static dev.warden.core.testing.Policies.approveFirst;
import static dev.warden.core.testing.Policies.getPods;
import static dev.warden.core.testing.Policies.restart;
import static dev.warden.core.testing.Policies.rule;
import static dev.warden.core.testing.Policies.set;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.audit.AuditChain;
import dev.warden.core.gate.VoteOutcome.Refusal;
import dev.warden.core.policy.GlobalFreeze;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.Match;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.testing.InMemoryApprovalStore;
import dev.warden.core.testing.InMemoryAuditLog;
import dev.warden.core.testing.InMemoryFreezeSwitch;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.RecordingExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ActionGateTest {
  private static final String REQUESTER = "UREQUESTER";
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
  private final InMemoryApprovalStore store = new InMemoryApprovalStore();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final InMemoryFreezeSwitch freeze = new InMemoryFreezeSwitch();
  private final RecordingExecutor kubernetes =
      new RecordingExecutor("kubernetes.rollout-restart", "kubernetes.get");
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicReference<PolicySet> policies =
      new AtomicReference<>(
          set(
              List.of(
                  rule("reads", Level.AUTONOMOUS, Match.actions("kubernetes.get")),
                  approveFirst(
                      "restarts-need-two",
                      Match.actions("kubernetes.rollout-restart"),
                      2,
                      Duration.ofMinutes(30),
                      "@sre")),
              "UALICE",
              "UBOB",
              "UCAROL",
              REQUESTER,
              "UWARDEN"));
  private final ActionGate gate =
      ActionGate.builder()
          .policies(policies::get)
          .freezeSwitch(freeze)
          .approvals(store)
          .audit(audit)
          .executors(List.of(kubernetes))
          .clock(clock)
          .ids(() -> "req-" + ids.incrementAndGet())
          .wardenIdentities(Set.of("UWARDEN"))
          .build();

  private ApprovalRequest requestRestart() {
    GateOutcome outcome = gate.submit(restart("prod", "api", REQUESTER));
    assertThat(outcome).isInstanceOf(GateOutcome.AwaitingApproval.class);
    return ((GateOutcome.AwaitingApproval) outcome).request();
  }

  @Test
  void anAutonomousActionRunsOnceAndIsAudited() {
    GateOutcome outcome = gate.submit(getPods("prod"));
    assertThat(outcome).isInstanceOf(GateOutcome.Executed.class);
    assertThat(kubernetes.executed()).hasSize(1);
    assertThat(kubernetes.executed().get(0).basis()).isEqualTo("rule reads");
    assertThat(audit.entries)
        .extracting(entry -> entry.type())
        .containsExactly("decision", "execution");
    assertThat(AuditChain.verify(audit).intact()).isTrue();
  }

  @Test
  void passiveAndDeniedActionsNeverReachAnExecutor() {
    ProposedAction unmatched = restart("prod", "api", REQUESTER).withTarget(getPods("x").target());
    policies.set(set(List.of(rule("no", Level.DENY, Match.actions("kubernetes.get")))));
    assertThat(gate.submit(getPods("prod"))).isInstanceOf(GateOutcome.Refused.class);
    assertThat(gate.submit(unmatched)).isInstanceOf(GateOutcome.Suggested.class);
    assertThat(kubernetes.executed()).isEmpty();
  }

  @Test
  void runsAfterTwoDistinctApprovalsAndOnlyThen() {
    ApprovalRequest request = requestRestart();
    assertThat(request.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));

    VoteOutcome first = gate.approve(request.id(), "UALICE", request.actionHash());
    assertThat(first)
        .isInstanceOfSatisfying(
            VoteOutcome.Counted.class,
            counted -> {
              assertThat(counted.approvals()).isEqualTo(1);
              assertThat(counted.needed()).isEqualTo(2);
            });
    assertThat(kubernetes.executed()).isEmpty();

    VoteOutcome second = gate.approve(request.id(), "UBOB", request.actionHash());
    assertThat(second).isInstanceOf(VoteOutcome.Executed.class);
    assertThat(kubernetes.executed()).hasSize(1);
    assertThat(kubernetes.executed().get(0).basis()).isEqualTo("approval " + request.id());
    assertThat(store.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXECUTED);
    assertThat(audit.entries)
        .extracting(entry -> entry.type())
        .containsExactly(
            "decision",
            "approval.requested",
            "approval.vote",
            "approval.vote",
            "approval.approved",
            "execution");
  }

  @Test
  void deniesSelfApproval() {
    ApprovalRequest request = requestRestart();
    assertRefused(
        gate.approve(request.id(), REQUESTER, request.actionHash()), Refusal.SELF_APPROVAL);
  }

  @Test
  void wardenNeverApproves() {
    ApprovalRequest request = requestRestart();
    assertRefused(
        gate.approve(request.id(), "UWARDEN", request.actionHash()), Refusal.WARDEN_IDENTITY);
  }

  @Test
  void refusesAnApproverTheRuleDoesNotName() {
    ApprovalRequest request = requestRestart();
    assertRefused(
        gate.approve(request.id(), "UMALLORY", request.actionHash()), Refusal.NOT_AUTHORISED);
  }

  @Test
  void authorisationIsCheckedWhenTheyClickNotWhenTheRequestWasMade() {
    ApprovalRequest request = requestRestart();
    // Bob leaves the on-call group after the request was made
    PolicySet without = set(policies.get().rules(), "UALICE", "UCAROL", REQUESTER);
    policies.set(without);
    assertRefused(gate.approve(request.id(), "UBOB", request.actionHash()), Refusal.NOT_AUTHORISED);
  }

  @Test
  void groupMembershipComesFromTheDirectoryAtClickTime() {
    policies.set(
        set(
            List.of(
                approveFirst(
                    "by-group",
                    Match.actions("kubernetes.rollout-restart"),
                    1,
                    Duration.ofMinutes(5),
                    "slack-group:SONCALL"))));
    Set<String> onCall = new java.util.concurrent.CopyOnWriteArraySet<>(Set.of("UDAVE"));
    ActionGate withDirectory =
        ActionGate.builder()
            .policies(policies::get)
            .freezeSwitch(freeze)
            .approvals(store)
            .audit(audit)
            .executors(List.of(kubernetes))
            .clock(clock)
            .directory(user -> onCall.contains(user) ? Set.of("slack-group:SONCALL") : Set.of())
            .build();
    ApprovalRequest request =
        ((GateOutcome.AwaitingApproval) withDirectory.submit(restart("prod", "api", REQUESTER)))
            .request();
    onCall.remove("UDAVE");
    assertRefused(
        withDirectory.approve(request.id(), "UDAVE", request.actionHash()), Refusal.NOT_AUTHORISED);
    onCall.add("UDAVE");
    assertThat(withDirectory.approve(request.id(), "UDAVE", request.actionHash()))
        .isInstanceOf(VoteOutcome.Executed.class);
  }

  @Test
  void refusesAnExpiredRequest() {
    ApprovalRequest request = requestRestart();
    gate.approve(request.id(), "UALICE", request.actionHash());
    clock.advance(Duration.ofMinutes(30));
    assertRefused(gate.approve(request.id(), "UBOB", request.actionHash()), Refusal.EXPIRED);
    assertThat(store.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
    assertThat(kubernetes.executed()).isEmpty();
    assertThat(audit.ofType("approval.expired")).hasSize(1);
  }

  @Test
  void expiryFromTheTimerEndsAPendingRequestOnlyAfterItsTtl() {
    ApprovalRequest request = requestRestart();
    assertThat(gate.expire(request.id())).as("too early").isFalse();
    clock.advance(Duration.ofMinutes(31));
    assertThat(gate.expire(request.id())).isTrue();
    assertThat(gate.expire(request.id())).as("only once").isFalse();
    assertRefused(gate.approve(request.id(), "UALICE", request.actionHash()), Refusal.NOT_PENDING);
  }

  @Test
  void refusesTheReplayOfAUsedApproval() {
    ApprovalRequest request = requestRestart();
    gate.approve(request.id(), "UALICE", request.actionHash());
    gate.approve(request.id(), "UBOB", request.actionHash());
    assertRefused(gate.approve(request.id(), "UCAROL", request.actionHash()), Refusal.NOT_PENDING);
    assertRefused(gate.approve(request.id(), "UBOB", request.actionHash()), Refusal.NOT_PENDING);
    assertThat(kubernetes.executed()).hasSize(1);
  }

  @Test
  void aDoubleClickCountsOnce() {
    ApprovalRequest request = requestRestart();
    assertThat(gate.approve(request.id(), "UALICE", request.actionHash()))
        .isInstanceOf(VoteOutcome.Counted.class);
    assertRefused(
        gate.approve(request.id(), "UALICE", request.actionHash()), Refusal.ALREADY_VOTED);
    assertThat(store.find(request.id()).orElseThrow().approvals()).isEqualTo(1);
    assertThat(kubernetes.executed()).isEmpty();
  }

  @Test
  void refusesAnApprovalOfAnActionWhoseParametersChanged() {
    ApprovalRequest request = requestRestart();
    ProposedAction changed = request.action().withParameters(Map.of("replicas", 50));
    // the approver was shown the changed action
    assertRefused(gate.approve(request.id(), "UALICE", changed.hash()), Refusal.ACTION_CHANGED);
    // the stored action was changed behind the request's back
    store.overwrite(
        new ApprovalRequest(
            request.id(),
            changed,
            request.actionHash(),
            request.rule(),
            request.requirement(),
            request.requestedAt(),
            request.expiresAt(),
            request.state(),
            request.votes(),
            request.note()));
    assertRefused(
        gate.approve(request.id(), "UALICE", request.actionHash()), Refusal.ACTION_CHANGED);
    assertRefused(gate.approve(request.id(), "UBOB", changed.hash()), Refusal.ACTION_CHANGED);
    assertThat(kubernetes.executed()).isEmpty();
  }

  @Test
  void oneDenialEndsTheRequest() {
    ApprovalRequest request = requestRestart();
    gate.approve(request.id(), "UALICE", request.actionHash());
    assertThat(gate.deny(request.id(), "UCAROL", "not during the sale"))
        .isInstanceOf(VoteOutcome.Denied.class);
    assertRefused(gate.approve(request.id(), "UBOB", request.actionHash()), Refusal.NOT_PENDING);
    assertThat(store.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.DENIED);
    assertThat(kubernetes.executed()).isEmpty();
  }

  @Test
  void outsidersCannotDenyButTheRequesterCanWithdraw() {
    ApprovalRequest request = requestRestart();
    assertRefused(gate.deny(request.id(), "UMALLORY", "no"), Refusal.NOT_AUTHORISED);
    assertThat(gate.deny(request.id(), REQUESTER, "wrong deployment"))
        .isInstanceOf(VoteOutcome.Denied.class);
  }

  @Test
  void aFreezeAfterTheRequestStopsItsApproval() {
    ApprovalRequest request = requestRestart();
    gate.approve(request.id(), "UALICE", request.actionHash());
    freeze.switchOn(new GlobalFreeze("incident", "UCAROL", clock.instant()));
    assertRefused(gate.approve(request.id(), "UBOB", request.actionHash()), Refusal.POLICY_CHANGED);
    assertThat(kubernetes.executed()).isEmpty();
  }

  @Test
  void twoConcurrentApprovalsRacingForTheLastSlotExecuteOnce() throws Exception {
    for (int round = 0; round < 50; round++) {
      ApprovalRequest request = requestRestart();
      gate.approve(request.id(), "UALICE", request.actionHash());
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<VoteOutcome>> votes = new ArrayList<>();
        for (String voter : List.of("UBOB", "UCAROL")) {
          Callable<VoteOutcome> vote =
              () -> {
                start.await();
                return gate.approve(request.id(), voter, request.actionHash());
              };
          votes.add(pool.submit(vote));
        }
        start.countDown();
        List<VoteOutcome> outcomes = new ArrayList<>();
        for (Future<VoteOutcome> vote : votes) {
          outcomes.add(vote.get());
        }
        assertThat(outcomes).filteredOn(VoteOutcome.Executed.class::isInstance).hasSize(1);
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(kubernetes.executed()).hasSize(50);
    assertThat(AuditChain.verify(audit).intact()).isTrue();
  }

  @Test
  void theFreezeSwitchIsItselfAnActionThroughTheGate() {
    policies.set(
        set(List.of(rule("people-freeze", Level.AUTONOMOUS, Match.actions("warden.freeze")))));
    ProposedAction on =
        new ProposedAction(
            "warden.freeze",
            dev.warden.core.action.Target.none(),
            Map.of("on", true, "reason", "incident 7"),
            Map.of(),
            dev.warden.core.action.Requester.person("UCAROL"),
            java.util.Optional.empty(),
            false);
    assertThat(gate.submit(on)).isInstanceOf(GateOutcome.Executed.class);
    assertThat(freeze.current())
        .hasValueSatisfying(f -> assertThat(f.reason()).isEqualTo("incident 7"));
    assertThat(gate.submit(on.withParameters(Map.of("on", false))))
        .isInstanceOf(GateOutcome.Executed.class);
    assertThat(freeze.current()).isEmpty();
  }

  private static void assertRefused(VoteOutcome outcome, Refusal refusal) {
    assertThat(outcome)
        .isInstanceOfSatisfying(
            VoteOutcome.Refused.class, refused -> assertThat(refused.refusal()).isEqualTo(refusal));
  }

  @Test
  void aWithdrawnRequestCanNoLongerBeApprovedAndItsListenerHears() {
    List<ApprovalRequest> closed = new ArrayList<>();
    ActionGate listened =
        ActionGate.builder()
            .policies(policies::get)
            .freezeSwitch(freeze)
            .approvals(store)
            .audit(audit)
            .executors(List.of(kubernetes))
            .clock(clock)
            .listener(
                new GateListener() {
                  @Override
                  public void closed(ApprovalRequest request) {
                    closed.add(request);
                  }
                })
            .build();
    GateOutcome outcome = listened.submit(restart("prod", "api", REQUESTER), "chosen-id");
    ApprovalRequest request = ((GateOutcome.AwaitingApproval) outcome).request();
    assertThat(request.id()).isEqualTo("chosen-id");

    assertThat(listened.withdraw("chosen-id", "the run was cancelled")).isTrue();
    assertThat(listened.withdraw("chosen-id", "again")).isFalse();

    assertThat(store.find("chosen-id").orElseThrow().state()).isEqualTo(ApprovalState.WITHDRAWN);
    assertThat(closed).extracting(ApprovalRequest::id).containsExactly("chosen-id");
    VoteOutcome late = listened.approve("chosen-id", "UALICE", request.actionHash());
    assertThat(late)
        .isInstanceOfSatisfying(
            VoteOutcome.Refused.class,
            refused -> assertThat(refused.message()).contains("was withdrawn"));
    assertThat(kubernetes.executed()).isEmpty();
    assertThat(audit.entries).extracting(entry -> entry.type()).contains("approval.withdrawn");
  }

  @Test
  void theExecutorsDryRunIsAttachedToTheRequestAndAFailingOneSaysSo() {
    ActionExecutor previewing =
        new ActionExecutor() {
          @Override
          public Set<String> kinds() {
            return Set.of("kubernetes.rollout-restart");
          }

          @Override
          public ExecutionResult execute(Permit permit) {
            return ExecutionResult.succeeded("restarted");
          }

          @Override
          public Optional<String> preview(ProposedAction action) {
            if (action.target().name().orElse("").equals("broken")) {
              throw new IllegalStateException("the API is away");
            }
            return Optional.of("~ restartedAt: (none) -> now");
          }
        };
    ActionGate gate =
        ActionGate.builder()
            .policies(policies::get)
            .freezeSwitch(freeze)
            .approvals(store)
            .audit(audit)
            .executors(List.of(previewing))
            .clock(clock)
            .build();

    GateOutcome fine = gate.submit(restart("prod", "api", REQUESTER));
    GateOutcome broken = gate.submit(restart("prod", "broken", REQUESTER));

    assertThat(((GateOutcome.AwaitingApproval) fine).request().preview())
        .contains("~ restartedAt: (none) -> now");
    assertThat(((GateOutcome.AwaitingApproval) broken).request().preview())
        .contains("no preview: the dry run failed (IllegalStateException)");
  }

  @Test
  void anApprovedRequestWhoseExecutionWasCutOffRunsOnceWhenResumed() {
    ApprovalRequest request = requestRestart();
    gate.approve(request.id(), "UALICE", request.actionHash());
    // the second approval moved it to approved; the process died before it ran
    store.transition(
        request.id(),
        ApprovalState.PENDING,
        ApprovalState.APPROVED,
        clock.instant(),
        "2 approvals");

    assertThat(gate.resumeApproved(request.id()))
        .hasValueSatisfying(result -> assertThat(result.succeeded()).isTrue());
    assertThat(gate.resumeApproved(request.id())).isEmpty();

    assertThat(kubernetes.executed()).hasSize(1);
    assertThat(kubernetes.executed().get(0).basis()).isEqualTo("approval " + request.id());
    assertThat(store.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXECUTED);
  }

  @Test
  void aCutOffApprovalIsNotResumedWhenThePolicyNoLongerAllowsIt() {
    ApprovalRequest request = requestRestart();
    store.transition(
        request.id(), ApprovalState.PENDING, ApprovalState.APPROVED, clock.instant(), "approved");
    policies.set(set(List.of(rule("no", Level.DENY, Match.actions("kubernetes.rollout-restart")))));

    assertThat(gate.resumeApproved(request.id())).isEmpty();

    assertThat(kubernetes.executed()).isEmpty();
    assertThat(store.find(request.id()).orElseThrow().state()).isEqualTo(ApprovalState.WITHDRAWN);
  }
}
