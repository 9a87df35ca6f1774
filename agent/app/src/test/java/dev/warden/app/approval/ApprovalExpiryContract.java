package dev.warden.app.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.app.testing.ApprovalPoliciesConfiguration;
import dev.warden.app.timers.QuartzTimes;
import dev.warden.core.approval.ApprovalRequest;
import dev.warden.core.approval.ApprovalState;
import dev.warden.core.approval.ApprovalStore;
import dev.warden.core.audit.AuditChain;
import dev.warden.core.audit.AuditEntry;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.gate.ActionGate;
import dev.warden.core.gate.GateOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerMetaData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Through the whole application on one database: an approval request whose TTL runs out is expired
 * by its Quartz timer, which the gate records in the audit log; run on H2 ({@link
 * ApprovalExpiryH2IT}) and PostgreSQL ({@link ApprovalExpiryPostgresIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(ApprovalPoliciesConfiguration.class)
abstract class ApprovalExpiryContract {
  @Autowired ActionGate gate;
  @Autowired ApprovalStore approvals;
  @Autowired AuditLog audit;
  @Autowired QuartzExpiryScheduler expiry;
  @Autowired Scheduler scheduler;
  @Autowired QuartzProperties quartz;
  @Autowired PlatformTransactionManager transactionManager;

  /** The Quartz driver delegate this database needs. */
  protected abstract Class<?> driverDelegate();

  @Test
  void runsClusteredQuartzOnTheTablesFlywayCreated() throws Exception {
    SchedulerMetaData metaData = scheduler.getMetaData();

    assertThat(metaData.isStarted()).isTrue();
    assertThat(metaData.isJobStoreSupportsPersistence()).isTrue();
    assertThat(metaData.isJobStoreClustered()).isTrue();
    assertThat(metaData.getThreadPoolSize()).isEqualTo(2);
    assertThat(quartz.getProperties())
        .containsEntry("org.quartz.jobStore.driverDelegateClass", driverDelegate().getName());
  }

  @Test
  void expiresAPendingRequestWhenItsTtlRunsOut() {
    GateOutcome outcome = gate.submit(ApprovalPoliciesConfiguration.restart());

    assertThat(outcome).isInstanceOf(GateOutcome.AwaitingApproval.class);
    ApprovalRequest request = ((GateOutcome.AwaitingApproval) outcome).request();
    assertThat(request.requirement().ttl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(expiry.isScheduled(request.id())).isTrue();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(approvals.find(request.id()))
                    .map(ApprovalRequest::state)
                    .contains(ApprovalState.EXPIRED));
    assertThat(audit.read(1, 1_000))
        .filteredOn(entry -> entry.type().equals("approval.expired"))
        .extracting(AuditEntry::body)
        .singleElement()
        .asString()
        .contains("\"request\":\"" + request.id() + "\"");
    assertThat(AuditChain.verify(audit).intact()).isTrue();
    // the timer is gone once it has fired
    await().untilAsserted(() -> assertThat(expiry.isScheduled(request.id())).isFalse());
  }

  @Test
  void schedulingARequestAgainReplacesItsTimer() throws Exception {
    String id = "no-such-request-" + UUID.randomUUID();
    Instant later = Instant.now().plus(Duration.ofDays(1));

    expiry.schedule(id, later);
    expiry.schedule(id, later.plus(Duration.ofHours(1)));

    assertThat(scheduler.getTriggersOfJob(new JobKey(id, QuartzExpiryScheduler.GROUP)))
        .singleElement()
        .satisfies(
            trigger ->
                assertThat(trigger.getNextFireTime().toInstant())
                    .isEqualTo(QuartzTimes.fireTime(later.plus(Duration.ofHours(1)))));
    scheduler.deleteJob(new JobKey(id, QuartzExpiryScheduler.GROUP));
  }

  @Test
  void findsATimerAsSoonAsTheTransactionStoringItCommits() {
    // Quartz wakes its scheduler thread while the timer is still uncommitted; this widens that
    // window. Unless acquiring triggers waits for the trigger lock, the thread finds nothing and
    // sleeps for its idle wait (30s).
    String id = "no-such-request-" + UUID.randomUUID();
    new TransactionTemplate(transactionManager)
        .executeWithoutResult(
            status -> {
              expiry.schedule(id, Instant.now());
              await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            });

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(expiry.isScheduled(id)).isFalse());
  }
}
