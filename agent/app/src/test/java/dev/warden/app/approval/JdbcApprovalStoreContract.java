package dev.warden.app.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore.VoteResult;
import dev.warden.core.approval.Vote;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.testing.Races;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for approval requests; run on H2 ({@link JdbcApprovalStoreH2Test})
 * and on a real PostgreSQL ({@link JdbcApprovalStorePostgresIT}).
 */
abstract class JdbcApprovalStoreContract {
  // microseconds, the precision both databases keep
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456Z");
  private static final Duration TTL = Duration.ofMinutes(30);
  private static final int THREADS = 8;

  private JdbcApprovalStore store;

  protected abstract DataSource freshDatabase();

  @BeforeEach
  void setUp() {
    store = new JdbcApprovalStore(freshDatabase());
  }

  private static ProposedAction action() {
    return new ProposedAction(
        "kubernetes.scale",
        Target.kubernetes("default", "prod-payments", "Deployment", "api"),
        Map.of("replicas", 3, "options", Map.of("wait", true, "reasons", List.of("load", 2.5))),
        Map.of("replicasDelta", -3L),
        Requester.person("U-REQUESTER"),
        Optional.of("alertmanager:42"),
        true);
  }

  private static ApprovalRequest request(String id, Instant at) {
    ProposedAction action = action();
    return new ApprovalRequest(
        id,
        action,
        action.hash(),
        Optional.of("scale-needs-approval"),
        new ApprovalRequirement(List.of("U-ALICE", "@sre-oncall"), 2, TTL),
        at,
        at.plus(TTL),
        ApprovalState.PENDING,
        List.of(),
        Optional.empty());
  }

  private ApprovalRequest created(String id) {
    ApprovalRequest request = request(id, T0);
    store.create(request);
    return request;
  }

  private static Vote approve(String who, Instant at) {
    return new Vote(who, true, at, Optional.empty());
  }

  private ApprovalState state(String id) {
    return store.find(id).orElseThrow().state();
  }

  @Test
  void readsBackWhatWasCreatedWithTheSameActionHash() {
    ApprovalRequest request = created("r-1");

    ApprovalRequest found = store.find("r-1").orElseThrow();

    assertThat(found).isEqualTo(request);
    assertThat(found.action().hash()).isEqualTo(found.actionHash());
  }

  @Test
  void keepsARequestWithoutARule() {
    ApprovalRequest request =
        new ApprovalRequest(
            "r-1",
            action(),
            action().hash(),
            Optional.empty(),
            new ApprovalRequirement(List.of("U-ALICE"), 1, Duration.ofSeconds(90)),
            T0,
            T0.plusSeconds(90),
            ApprovalState.PENDING,
            List.of(),
            Optional.empty());
    store.create(request);

    assertThat(store.find("r-1")).contains(request);
  }

  @Test
  void keepsTheDryRunPreviewOfARequest() {
    ApprovalRequest plain = request("r-1", T0);
    String preview =
        "deployment prod-payments/api: spec.replicas 6 -> 3\n"
            + "annotation kubectl.kubernetes.io/restartedAt: \"{{ now }}\" ; échec ✓";
    ApprovalRequest request =
        new ApprovalRequest(
            plain.id(),
            plain.action(),
            plain.actionHash(),
            plain.rule(),
            plain.requirement(),
            plain.requestedAt(),
            plain.expiresAt(),
            plain.state(),
            plain.votes(),
            plain.note(),
            Optional.of(preview));
    store.create(request);
    created("r-2");

    assertThat(store.find("r-1")).contains(request);
    assertThat(store.find("r-1").orElseThrow().preview()).contains(preview);
    assertThat(store.find("r-2").orElseThrow().preview()).isEmpty();
  }

  @Test
  void withdrawsAPendingRequestOnce() {
    created("r-1");
    Instant later = T0.plusSeconds(5);

    assertThat(
            store.transition(
                "r-1", ApprovalState.PENDING, ApprovalState.WITHDRAWN, later, "run cancelled"))
        .isTrue();
    assertThat(
            store.transition("r-1", ApprovalState.PENDING, ApprovalState.WITHDRAWN, later, "again"))
        .isFalse();
    assertThat(store.addVote("r-1", approve("U-ALICE", later))).isEqualTo(VoteResult.NOT_PENDING);

    ApprovalRequest found = store.find("r-1").orElseThrow();
    assertThat(found.state()).isEqualTo(ApprovalState.WITHDRAWN);
    assertThat(found.note()).contains("run cancelled");
    assertThat(store.pending()).isEmpty();
  }

  @Test
  void findsNothingForAnUnknownId() {
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void addsAVoteOnceAndKeepsTheVotesInOrder() {
    created("r-1");

    VoteResult first = store.addVote("r-1", approve("U-ALICE", T0.plusSeconds(1)));
    VoteResult again =
        store.addVote("r-1", new Vote("U-ALICE", false, T0.plusSeconds(2), Optional.of("oops")));
    VoteResult deny =
        store.addVote("r-1", new Vote("U-BOB", false, T0.plusSeconds(3), Optional.of("not now")));

    assertThat(List.of(first, again, deny))
        .containsExactly(VoteResult.ADDED, VoteResult.DUPLICATE, VoteResult.ADDED);
    ApprovalRequest found = store.find("r-1").orElseThrow();
    assertThat(found.votes())
        .containsExactly(
            approve("U-ALICE", T0.plusSeconds(1)),
            new Vote("U-BOB", false, T0.plusSeconds(3), Optional.of("not now")));
    assertThat(found.approvals()).isEqualTo(1);
    assertThat(found.state()).isEqualTo(ApprovalState.PENDING);
  }

  @Test
  void refusesVotesOnceTheRequestIsNoLongerPending() {
    created("r-1");
    assertThat(store.transition("r-1", ApprovalState.PENDING, ApprovalState.EXPIRED, T0, "ttl"))
        .isTrue();

    VoteResult result = store.addVote("r-1", approve("U-ALICE", T0.plusSeconds(1)));

    assertThat(result).isEqualTo(VoteResult.NOT_PENDING);
    assertThat(store.find("r-1").orElseThrow().votes()).isEmpty();
  }

  @Test
  void refusesVotesOnAnUnknownRequest() {
    assertThat(store.addVote("nope", approve("U-ALICE", T0))).isEqualTo(VoteResult.NOT_FOUND);
  }

  @Test
  void transitionsOnlyFromTheExpectedState() {
    created("r-1");
    Instant later = T0.plusSeconds(5);

    assertThat(store.transition("r-1", ApprovalState.APPROVED, ApprovalState.EXECUTED, later, "x"))
        .isFalse();
    assertThat(
            store.transition(
                "r-1", ApprovalState.PENDING, ApprovalState.APPROVED, later, "2 approvals"))
        .isTrue();
    assertThat(store.transition("r-1", ApprovalState.PENDING, ApprovalState.DENIED, later, "no"))
        .isFalse();
    assertThat(
            store.transition(
                "r-1", ApprovalState.APPROVED, ApprovalState.EXECUTED, later, "restarted api"))
        .isTrue();
    assertThat(store.transition("nope", ApprovalState.PENDING, ApprovalState.DENIED, later, "no"))
        .isFalse();

    ApprovalRequest found = store.find("r-1").orElseThrow();
    assertThat(found.state()).isEqualTo(ApprovalState.EXECUTED);
    assertThat(found.note()).contains("restarted api");
  }

  @Test
  void exactlyOneOfConcurrentTransitionsWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      String id = "r-" + round;
      created(id);

      List<Boolean> won =
          Races.run(
              THREADS,
              i ->
                  store.transition(
                      id, ApprovalState.PENDING, ApprovalState.APPROVED, T0, "caller " + i));

      assertThat(won).as("round %d", round).containsOnlyOnce(true);
      assertThat(state(id)).isEqualTo(ApprovalState.APPROVED);
    }
  }

  @Test
  void concurrentDuplicateVotesCountOnce() throws Exception {
    created("r-1");

    List<VoteResult> results =
        Races.run(THREADS, i -> store.addVote("r-1", approve("U-ALICE", T0.plusMillis(i))));

    assertThat(results).containsOnlyOnce(VoteResult.ADDED);
    assertThat(results)
        .filteredOn(result -> result != VoteResult.ADDED)
        .containsOnly(VoteResult.DUPLICATE);
    assertThat(store.find("r-1").orElseThrow().votes()).hasSize(1);
  }

  private record Outcome(String voter, VoteResult vote, Optional<ApprovalState> moved) {}

  @Test
  void aDenialRacingTheQuorumEndsInOneStateAndEveryCountedVoteIsStored() throws Exception {
    for (int round = 0; round < 5; round++) {
      String id = "r-" + round;
      created(id);

      // caller 0 denies, the others approve; each tries to move the request on after its vote
      List<Outcome> outcomes =
          Races.run(
              THREADS,
              i -> {
                boolean approving = i != 0;
                String voter = "U-" + i;
                Vote vote =
                    new Vote(
                        voter,
                        approving,
                        T0.plusMillis(i),
                        approving ? Optional.empty() : Optional.of("no"));
                VoteResult result = store.addVote(id, vote);
                if (result != VoteResult.ADDED) {
                  return new Outcome(voter, result, Optional.empty());
                }
                ApprovalState to = approving ? ApprovalState.APPROVED : ApprovalState.DENIED;
                boolean moved = store.transition(id, ApprovalState.PENDING, to, T0, voter);
                return new Outcome(voter, result, moved ? Optional.of(to) : Optional.empty());
              });

      List<ApprovalState> moved =
          outcomes.stream().flatMap(outcome -> outcome.moved().stream()).toList();
      assertThat(moved).as("round %d", round).hasSize(1);
      ApprovalRequest found = store.find(id).orElseThrow();
      assertThat(found.state()).isEqualTo(moved.get(0));
      // a vote reported as added is stored, and one refused is not: nothing slipped in after the
      // request left PENDING
      assertThat(found.votes())
          .extracting(Vote::approverId)
          .containsExactlyInAnyOrderElementsOf(
              outcomes.stream()
                  .filter(outcome -> outcome.vote() == VoteResult.ADDED)
                  .map(Outcome::voter)
                  .toList());
      assertThat(outcomes)
          .extracting(Outcome::vote)
          .isSubsetOf(VoteResult.ADDED, VoteResult.NOT_PENDING);
      assertThat(store.addVote(id, approve("U-LATE", T0))).isEqualTo(VoteResult.NOT_PENDING);
    }
  }

  @Test
  void listsPendingRequestsOldestFirstWithTheirVotes() {
    store.create(request("r-c", T0.plusSeconds(2)));
    store.create(request("r-a", T0));
    store.create(request("r-b", T0.plusSeconds(1)));
    store.transition("r-b", ApprovalState.PENDING, ApprovalState.EXPIRED, T0, "ttl");
    store.addVote("r-a", approve("U-ALICE", T0.plusSeconds(3)));

    List<ApprovalRequest> pending = store.pending();

    assertThat(pending).extracting(ApprovalRequest::id).containsExactly("r-a", "r-c");
    assertThat(pending.get(0).votes()).containsExactly(approve("U-ALICE", T0.plusSeconds(3)));
    assertThat(pending.get(1).votes()).isEmpty();
  }
}
