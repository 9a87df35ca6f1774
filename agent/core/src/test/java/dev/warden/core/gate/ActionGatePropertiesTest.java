package dev.warden.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.action.ProposedAction;
import dev.warden.core.action.Requester;
import dev.warden.core.action.Target;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.Vote;
import dev.warden.core.audit.AuditChain;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.Match;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.testing.InMemoryApprovalStore;
import dev.warden.core.testing.InMemoryAuditLog;
import dev.warden.core.testing.InMemoryFreezeSwitch;
import dev.warden.core.testing.MutableClock;
import dev.warden.core.testing.Policies;
import dev.warden.core.testing.RecordingExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Nothing executes without an allowing decision: over random sequences of proposals, votes (by
 * approvers, outsiders, requesters and Warden, with right and wrong hashes), denials, expiries and
 * the passing of time, every execution is either an autonomous decision of that exact action or an
 * approval request with enough distinct, authorised, timely approvals and no denial.
 */
class ActionGatePropertiesTest {
  private static final String WARDEN = "UWARDEN";
  private static final List<String> PEOPLE = List.of("U1", "U2", "U3", "U4", WARDEN);

  /** One step of a scenario. */
  sealed interface Step {}

  record Propose(String kind, String namespace, String requester, boolean tainted)
      implements Step {}

  record Approve(int request, String user, boolean rightHash) implements Step {}

  record Deny(int request, String user) implements Step {}

  record Pass(int minutes) implements Step {}

  record Expire(int request) implements Step {}

  @Property(tries = 300)
  @StatisticsReport(onFailureOnly = true)
  void nothingExecutesWithoutAnAllowingDecision(@ForAll("scenarios") List<Step> steps) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    InMemoryApprovalStore store = new InMemoryApprovalStore();
    InMemoryAuditLog audit = new InMemoryAuditLog();
    RecordingExecutor executor =
        new RecordingExecutor(
            "kubernetes.get",
            "kubernetes.rollout-restart",
            "kubernetes.scale",
            "kubernetes.delete-pod");
    PolicySet policies =
        new PolicySet(
            List.of(
                Policies.rule("reads", Level.AUTONOMOUS, Match.actions("kubernetes.get")),
                Policies.rule(
                    "dev",
                    Level.AUTONOMOUS,
                    new Match(
                        List.of(),
                        List.of(dev.warden.core.policy.Glob.of("dev")),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Optional.empty())),
                Policies.approveFirst(
                    "prod-two",
                    new Match(
                        List.of(),
                        List.of(dev.warden.core.policy.Glob.of("prod*")),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Optional.of(false)),
                    2,
                    Duration.ofMinutes(30),
                    "@sre"),
                Policies.rule("deletes", Level.PASSIVE, Match.actions("kubernetes.delete-pod"))),
            Map.of("sre", List.of("U1", "U2", "U3", WARDEN)),
            List.of(),
            Optional.of(Policies.approvals(1, Duration.ofMinutes(10), "@sre")),
            "generated");
    ActionGate gate =
        ActionGate.builder()
            .policies(() -> policies)
            .freezeSwitch(new InMemoryFreezeSwitch())
            .approvals(store)
            .audit(audit)
            .executors(List.of(executor))
            .clock(clock)
            .wardenIdentities(Set.of(WARDEN))
            .build();

    Set<String> autonomousHashes = new HashSet<>();
    List<ApprovalRequest> requests = new ArrayList<>();
    int autonomousRuns = 0;
    for (Step step : steps) {
      if (step instanceof Propose propose) {
        GateOutcome outcome =
            gate.submit(
                new ProposedAction(
                    propose.kind(),
                    Target.kubernetes("default", propose.namespace(), "Deployment", "api"),
                    Map.of(),
                    Map.of("pods", 3L),
                    Requester.person(propose.requester()),
                    Optional.empty(),
                    propose.tainted()));
        if (outcome instanceof GateOutcome.Executed) {
          assertThat(outcome.decision().level()).isEqualTo(Level.AUTONOMOUS);
          autonomousHashes.add(outcome.decision().actionHash());
          autonomousRuns++;
        } else if (outcome instanceof GateOutcome.AwaitingApproval awaiting) {
          requests.add(awaiting.request());
        }
      } else if (step instanceof Approve approve && !requests.isEmpty()) {
        ApprovalRequest request = recent(requests, approve.request());
        gate.approve(
            request.id(),
            approve.user(),
            approve.rightHash() ? request.actionHash() : "sha256:wrong");
      } else if (step instanceof Deny deny && !requests.isEmpty()) {
        gate.deny(recent(requests, deny.request()).id(), deny.user(), "no");
      } else if (step instanceof Pass pass) {
        clock.advance(Duration.ofMinutes(pass.minutes()));
      } else if (step instanceof Expire expire && !requests.isEmpty()) {
        gate.expire(recent(requests, expire.request()).id());
      }
    }

    int approvedRuns = 0;
    for (ApprovalRequest made : requests) {
      ApprovalRequest request = store.find(made.id()).orElseThrow();
      long runs =
          executor.executed().stream()
              .filter(permit -> permit.basis().equals("approval " + request.id()))
              .count();
      if (request.state() == ApprovalState.EXECUTED) {
        assertThat(runs).isEqualTo(1);
        approvedRuns++;
        List<Vote> approvals = request.votes().stream().filter(Vote::approve).toList();
        assertThat(approvals.stream().map(Vote::approverId).distinct().count())
            .isGreaterThanOrEqualTo(request.requirement().min());
        assertThat(approvals)
            .allSatisfy(
                vote -> {
                  assertThat(vote.approverId())
                      .isNotEqualTo(request.action().requester().id())
                      .isNotEqualTo(WARDEN)
                      .isIn("U1", "U2", "U3");
                  assertThat(vote.at()).isBefore(request.expiresAt());
                });
        assertThat(request.votes()).allMatch(Vote::approve);
      } else {
        assertThat(runs).isZero();
      }
    }
    assertThat(executor.executed()).hasSize(autonomousRuns + approvedRuns);
    assertThat(executor.executed())
        .allSatisfy(
            permit ->
                assertThat(
                        autonomousHashes.contains(permit.actionHash())
                            || permit.basis().startsWith("approval "))
                    .isTrue());
    assertThat(AuditChain.verify(audit).intact()).isTrue();
    // the property says something only if scenarios do reach executions of both kinds
    Statistics.label("approved runs").collect(approvedRuns > 0);
    Statistics.label("approved runs").coverage(c -> c.check(true).percentage(p -> p > 5));
    Statistics.label("autonomous runs").collect(autonomousRuns > 0);
    Statistics.label("autonomous runs").coverage(c -> c.check(true).percentage(p -> p > 20));
  }

  /** Votes mostly go to recent requests, as they do in a channel. */
  private static ApprovalRequest recent(List<ApprovalRequest> requests, int back) {
    return requests.get(Math.max(0, requests.size() - 1 - back % requests.size()));
  }

  @Provide
  Arbitrary<List<Step>> scenarios() {
    Arbitrary<Step> propose =
        Combinators.combine(
                Arbitraries.of(
                    "kubernetes.get",
                    "kubernetes.rollout-restart",
                    "kubernetes.scale",
                    "kubernetes.delete-pod"),
                Arbitraries.of("prod", "prod-eu", "dev", "staging"),
                Arbitraries.of(PEOPLE),
                Arbitraries.of(true, false))
            .as(Propose::new);
    Arbitrary<Step> approve =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.of(PEOPLE),
                Arbitraries.of(true, true, true, false))
            .as(Approve::new);
    Arbitrary<Step> deny =
        Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.of(PEOPLE))
            .as(Deny::new);
    Arbitrary<Step> pass = Arbitraries.integers().between(1, 20).map(Pass::new);
    Arbitrary<Step> expire = Arbitraries.integers().between(0, 20).map(Expire::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, propose),
            net.jqwik.api.Tuple.of(8, approve),
            net.jqwik.api.Tuple.of(1, deny),
            net.jqwik.api.Tuple.of(2, pass),
            net.jqwik.api.Tuple.of(1, expire))
        .list()
        .ofMinSize(5)
        .ofMaxSize(40);
  }
}
