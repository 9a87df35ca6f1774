package dev.warden.app.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.warden.app.audit.JdbcAuditLog;
import dev.warden.app.policy.JdbcFreezeSwitch;
import dev.warden.app.testing.ApprovalPoliciesConfiguration;
import dev.warden.app.testing.Databases;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ExpiryScheduler;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.GateOutcome;
import dev.warden.core.policy.ApprovalRequirement;
import dev.warden.core.policy.Level;
import dev.warden.core.policy.Match;
import dev.warden.core.policy.Origin;
import dev.warden.core.policy.PolicySet;
import dev.warden.core.policy.Rule;
import dev.warden.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;

/**
 * The expiry job against a real gate on H2, with a clock the test moves: it expires a request that
 * is due, sets its timer again when it fired before the TTL ran out, and leaves a decided request
 * alone.
 */
class ExpiryJobTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(10);

  private final MutableClock clock = new MutableClock(T0);
  private final List<Instant> rescheduled = new ArrayList<>();
  private JdbcApprovalStore approvals;
  private JdbcAuditLog audit;
  private ActionGate gate;
  private ExpiryJob job;

  @BeforeEach
  void setUp() {
    DataSource dataSource = Databases.h2();
    approvals = new JdbcApprovalStore(dataSource);
    audit = new JdbcAuditLog(dataSource);
    Rule rule =
        new Rule(
            "restarts-need-approval",
            Optional.empty(),
            Match.actions("kubernetes.rollout-restart"),
            Optional.empty(),
            Level.APPROVE_FIRST,
            Optional.of(new ApprovalRequirement(List.of("U-APPROVER"), 1, TTL)),
            false,
            Origin.inCode("test"));
    PolicySet policies = new PolicySet(List.of(rule), Map.of(), List.of(), Optional.empty(), "t");
    ExpiryScheduler recording = (requestId, at) -> rescheduled.add(at);
    gate =
        ActionGate.builder()
            .policies(() -> policies)
            .freezeSwitch(new JdbcFreezeSwitch(dataSource))
            .approvals(approvals)
            .audit(audit)
            .expiry(recording)
            .clock(clock)
            .build();
    job = new ExpiryJob(gate, approvals, recording, clock);
    rescheduled.clear();
  }

  private ApprovalRequest open() {
    GateOutcome outcome = gate.submit(ApprovalPoliciesConfiguration.restart());
    ApprovalRequest request = ((GateOutcome.AwaitingApproval) outcome).request();
    rescheduled.clear();
    return request;
  }

  private static JobExecutionContext firing(String requestId, Instant at) {
    JobDetail detail = mock(JobDetail.class);
    when(detail.getKey()).thenReturn(new JobKey(requestId, QuartzExpiryScheduler.GROUP));
    JobExecutionContext context = mock(JobExecutionContext.class);
    when(context.getJobDetail()).thenReturn(detail);
    when(context.getFireTime()).thenReturn(Date.from(at));
    return context;
  }

  private ApprovalState state(String id) {
    return approvals.find(id).orElseThrow().state();
  }

  @Test
  void expiresARequestWhoseTtlHasRunOut() throws Exception {
    ApprovalRequest request = open();
    clock.advance(TTL);

    job.execute(firing(request.id(), clock.instant()));

    assertThat(state(request.id())).isEqualTo(ApprovalState.EXPIRED);
    assertThat(audit.read(1, 100)).extracting(AuditEntry::type).contains("approval.expired");
    assertThat(rescheduled).isEmpty();
  }

  @Test
  void setsTheTimerAgainWhenItFiredBeforeTheTtlRanOut() throws Exception {
    ApprovalRequest request = open();
    clock.advance(TTL.minusSeconds(30));

    job.execute(firing(request.id(), clock.instant()));

    assertThat(state(request.id())).isEqualTo(ApprovalState.PENDING);
    assertThat(rescheduled).containsExactly(request.expiresAt());
  }

  @Test
  void waitsAtLeastASecondWhenTheClockIsJustShortOfTheExpiry() throws Exception {
    ApprovalRequest request = open();
    clock.advance(TTL.minusMillis(2));
    Instant firedAt = clock.instant();

    job.execute(firing(request.id(), firedAt));

    assertThat(rescheduled).containsExactly(firedAt.plusSeconds(1));
  }

  @Test
  void leavesADecidedRequestAlone() throws Exception {
    ApprovalRequest request = open();
    approvals.transition(request.id(), ApprovalState.PENDING, ApprovalState.DENIED, T0, "no");
    clock.advance(TTL);

    job.execute(firing(request.id(), clock.instant()));

    assertThat(state(request.id())).isEqualTo(ApprovalState.DENIED);
    assertThat(rescheduled).isEmpty();
  }

  @Test
  void ignoresAnUnknownRequest() throws Exception {
    job.execute(firing("gone", clock.instant()));

    assertThat(rescheduled).isEmpty();
  }
}
